import type { Catalogue } from './catalogueShape.ts';

/** The caller's path in English; part of the en catalogue under `callerPath`. */
export const callerPathEn: Catalogue['callerPath'] = {
  entry: {
    videoClosed: 'Video calls are closed.',
    openUntil: 'Open {{when}}',
    openAnyTime: 'Open at any time',
    now: 'It is {{time}} in Taipei now',
  },
  camera: {
    title: 'Your camera',
    selfView: 'Your picture',
    checking: 'Turning on your camera…',
    checkingHint: 'If your browser asks, choose "Allow".',
    ok: 'Your camera works',
    frame: 'Make sure the camera shows your upper body and both hands.',
    denied: {
      title: 'Your camera is blocked',
      body: 'The interpreter will not see you. Click the camera icon next to the address bar, choose "Allow", then press "Try again".',
    },
    missing: {
      title: 'No camera found',
      body: 'The interpreter will not see you. Connect a camera, then press "Try again".',
    },
    other: {
      title: "The camera won't start",
      body: 'Close other apps that are using the camera, then press "Try again".',
    },
    kioskHelp: "This kiosk's camera isn't working right now. Please tell the staff here.",
    without: 'You can join the line without a camera: you will see the interpreter and can type. Or use text chat instead.',
    retry: 'Try again',
  },
  waiting: {
    nobodyTitle: 'No interpreter is on duty right now',
    nobodyBody: 'You can keep waiting, or use one of these instead.',
    otherWays: "Don't want to wait?",
    toText: 'Use text chat',
    toTextHint: 'Leave the line and type with an interpreter',
    callback: 'Ask us to contact you',
    callbackHint: 'Leave your contact details; an interpreter will reach you',
  },
  desk: {
    cameraLabel: "Caller's camera",
    camera: {
      ok: 'Working',
      blocked: 'Blocked',
      missing: 'No camera',
    },
    blockedTitle: "The caller's camera is blocked",
    missingTitle: 'The caller has no camera that works',
    noPictureBody: "They can see you, but you can't see them. Use the call's text chat.",
  },
};

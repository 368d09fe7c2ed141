import type { Catalogue } from './catalogueShape.ts';

/** The call screen's own words in English; part of the en catalogue under `callView`. */
export const callViewEn: Catalogue['callView'] = {
  cameraOn: 'Camera: on',
  cameraOff: 'Camera: off',
  micOn: 'Mic: on',
  micOff: 'Mic: off',
  fullScreen: 'Full screen',
  leaveFullScreen: 'Exit full screen',
  remoteMicOff: "{{who}}'s mic is off",
};

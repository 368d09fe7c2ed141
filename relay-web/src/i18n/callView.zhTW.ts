/** The call screen's own words in Traditional Chinese (Taiwan); part of the zhTW catalogue under `callView`. */
export const callViewZhTW = {
  /** The device toggles say the device's state, one clear phrase (not "what pressing does"). */
  cameraOn: '鏡頭：開',
  cameraOff: '鏡頭：關',
  micOn: '麥克風：開',
  micOff: '麥克風：關',
  fullScreen: '全螢幕',
  leaveFullScreen: '離開全螢幕',
  remoteMicOff: '{{who}}的麥克風已關閉',
};

/** The reports screens' words in Traditional Chinese (Taiwan); part of the zhTW catalogue under `reports`. */
export const reportsZhTW = {
  title: '報表',
} as const;

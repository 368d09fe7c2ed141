/** The cases screens' words in Traditional Chinese (Taiwan); part of the zhTW catalogue under `cases`. */
export const casesZhTW = {
  title: '案件',
} as const;

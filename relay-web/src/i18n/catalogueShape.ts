import type { zhTW } from './zhTW.ts';

/** The catalogue's shape with every leaf widened to string: what each language must provide. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Catalogue = Shape<typeof zhTW>;

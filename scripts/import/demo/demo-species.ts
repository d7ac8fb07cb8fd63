/**
 * The demo collection's birds: twenty-two real North American species (their names, codes, family
 * and order come from config/species/north-america.csv), each with the colours the drawing uses
 * and where and when a birder would photograph it.
 */

export type BodyShape = 'songbird' | 'heron' | 'duck' | 'raptor' | 'owl' | 'hummingbird' | 'kingfisher';
export type Habitat = 'foliage' | 'marsh' | 'sky' | 'snow' | 'water' | 'autumn';

export interface Palette {
  body: string;
  belly: string;
  wing: string;
  head: string;
  beak: string;
  /** Optional marks: a cap, a mask through the eye, a throat or breast patch, a shoulder patch, wing bars. */
  cap?: string;
  mask?: string;
  throat?: string;
  breast?: string;
  shoulder?: string;
  wingBars?: string;
  tailTip?: string;
  eye?: string;
  /** Fine streaks on the breast (a Yellow Warbler's chestnut ones). */
  streaks?: string;
}

export interface DemoSpecies {
  commonName: string;
  shape: BodyShape;
  habitat: Habitat;
  palette: Palette;
  /** Places (keys of DEMO_PLACES) with the months the species is there. */
  seen: Array<{ place: string; months: number[] }>;
}

export interface DemoPlace {
  name: string;
  latitude: number;
  longitude: number;
  /** Standard-time offset from UTC in hours; daylight time (US and Canadian rules) adds one. */
  standardOffset: number;
  observesDst: boolean;
}

export const DEMO_PLACES: Record<string, DemoPlace> = {
  magee: { name: 'Magee Marsh Wildlife Area, Ohio', latitude: 41.6261, longitude: -83.189, standardOffset: -5, observesDst: true },
  pelee: { name: 'Point Pelee National Park, Ontario', latitude: 41.9628, longitude: -82.5184, standardOffset: -5, observesDst: true },
  capeMay: { name: 'Cape May Point State Park, New Jersey', latitude: 38.9329, longitude: -74.9582, standardOffset: -5, observesDst: true },
  centralPark: { name: 'Central Park, New York', latitude: 40.7794, longitude: -73.9692, standardOffset: -5, observesDst: true },
  everglades: { name: 'Everglades National Park, Florida', latitude: 25.3867, longitude: -80.5931, standardOffset: -5, observesDst: true },
  bosque: { name: 'Bosque del Apache NWR, New Mexico', latitude: 33.8048, longitude: -106.8916, standardOffset: -7, observesDst: true },
  saxZim: { name: 'Sax-Zim Bog, Minnesota', latitude: 47.217, longitude: -92.724, standardOffset: -6, observesDst: true },
  highIsland: { name: 'High Island, Texas', latitude: 29.5644, longitude: -94.3911, standardOffset: -6, observesDst: true },
  montezuma: { name: 'Montezuma NWR, New York', latitude: 42.9696, longitude: -76.7457, standardOffset: -5, observesDst: true },
  horicon: { name: 'Horicon Marsh, Wisconsin', latitude: 43.56, longitude: -88.62, standardOffset: -6, observesDst: true },
  hawkMountain: { name: 'Hawk Mountain Sanctuary, Pennsylvania', latitude: 40.6376, longitude: -75.986, standardOffset: -5, observesDst: true },
  conowingo: { name: 'Conowingo Dam, Maryland', latitude: 39.6579, longitude: -76.1741, standardOffset: -5, observesDst: true },
  jamaicaBay: { name: 'Jamaica Bay Wildlife Refuge, New York', latitude: 40.617, longitude: -73.8255, standardOffset: -5, observesDst: true },
};

export const DEMO_SPECIES: DemoSpecies[] = [
  {
    commonName: 'Yellow Warbler', shape: 'songbird', habitat: 'foliage',
    palette: { body: '#f2cf12', belly: '#fbe44a', wing: '#c7ad10', head: '#f5d81c', beak: '#3a3a3a', streaks: '#c8572d', wingBars: '#f7e27a' },
    seen: [{ place: 'magee', months: [5] }, { place: 'pelee', months: [5] }, { place: 'montezuma', months: [6] }],
  },
  {
    commonName: 'Yellow-rumped Warbler', shape: 'songbird', habitat: 'foliage',
    palette: { body: '#6d7885', belly: '#f2f2ef', wing: '#3c434b', head: '#6d7885', beak: '#222', mask: '#1d1f22', throat: '#f3f3f0', shoulder: '#f2d022', wingBars: '#ffffff' },
    seen: [{ place: 'magee', months: [4, 5] }, { place: 'centralPark', months: [4] }, { place: 'capeMay', months: [10] }],
  },
  {
    commonName: 'Common Yellowthroat', shape: 'songbird', habitat: 'marsh',
    palette: { body: '#72802e', belly: '#efe7a6', wing: '#5f6b25', head: '#72802e', beak: '#2b2b2b', mask: '#111111', throat: '#f5d90a' },
    seen: [{ place: 'capeMay', months: [5] }, { place: 'horicon', months: [6] }, { place: 'montezuma', months: [7] }],
  },
  {
    commonName: 'Yellow-breasted Chat', shape: 'songbird', habitat: 'foliage',
    palette: { body: '#5f6c2b', belly: '#f4f1e6', wing: '#55602a', head: '#5a6164', beak: '#202020', throat: '#f7c600', breast: '#f7c600', mask: '#2c2c2c' },
    seen: [{ place: 'highIsland', months: [4] }, { place: 'capeMay', months: [5] }],
  },
  {
    commonName: 'Yellow-headed Blackbird', shape: 'songbird', habitat: 'marsh',
    palette: { body: '#141414', belly: '#1b1b1b', wing: '#0b0b0b', head: '#f2c21b', beak: '#1a1a1a', throat: '#f2c21b', wingBars: '#f4f4f4' },
    seen: [{ place: 'horicon', months: [5, 6] }, { place: 'bosque', months: [12] }],
  },
  {
    commonName: 'American Goldfinch', shape: 'songbird', habitat: 'foliage',
    palette: { body: '#f7d117', belly: '#fae25a', wing: '#161616', head: '#f7d117', beak: '#f0a15a', cap: '#111111', wingBars: '#ffffff' },
    seen: [{ place: 'centralPark', months: [7] }, { place: 'montezuma', months: [8] }, { place: 'hawkMountain', months: [9] }],
  },
  {
    commonName: 'Northern Cardinal', shape: 'songbird', habitat: 'snow',
    palette: { body: '#c8102e', belly: '#d8283c', wing: '#a30d25', head: '#d0142f', beak: '#ee6a2a', mask: '#111111' },
    seen: [{ place: 'centralPark', months: [1, 2] }, { place: 'magee', months: [4] }],
  },
  {
    commonName: 'Blue Jay', shape: 'songbird', habitat: 'autumn',
    palette: { body: '#3b6fb6', belly: '#e9edf1', wing: '#2f5fa8', head: '#4a7cc0', beak: '#1c1c1c', throat: '#f2f4f6', breast: '#1c1c1c', wingBars: '#ffffff', tailTip: '#ffffff' },
    seen: [{ place: 'hawkMountain', months: [9, 10] }, { place: 'centralPark', months: [11] }],
  },
  {
    commonName: 'American Robin', shape: 'songbird', habitat: 'foliage',
    palette: { body: '#5b5348', belly: '#d3642b', wing: '#4d463c', head: '#2e2a26', beak: '#e7b21d', breast: '#d3642b' },
    seen: [{ place: 'centralPark', months: [3, 4] }, { place: 'montezuma', months: [4] }],
  },
  {
    commonName: 'Black-capped Chickadee', shape: 'songbird', habitat: 'snow',
    palette: { body: '#8a8d8f', belly: '#efe9dc', wing: '#6f7376', head: '#f5f5f3', beak: '#1b1b1b', cap: '#121212', throat: '#121212', wingBars: '#dcdcdc' },
    seen: [{ place: 'saxZim', months: [1, 2] }, { place: 'hawkMountain', months: [12] }],
  },
  {
    commonName: 'Red-winged Blackbird', shape: 'songbird', habitat: 'marsh',
    palette: { body: '#121212', belly: '#181818', wing: '#0c0c0c', head: '#141414', beak: '#1a1a1a', shoulder: '#d62a1e', wingBars: '#f0c93a' },
    seen: [{ place: 'magee', months: [3, 4] }, { place: 'horicon', months: [5] }],
  },
  {
    commonName: 'Baltimore Oriole', shape: 'songbird', habitat: 'foliage',
    palette: { body: '#f28a1b', belly: '#f59a2a', wing: '#161616', head: '#151515', beak: '#8b8f94', wingBars: '#ffffff', tailTip: '#f28a1b' },
    seen: [{ place: 'magee', months: [5] }, { place: 'centralPark', months: [5] }],
  },
  {
    commonName: 'Scarlet Tanager', shape: 'songbird', habitat: 'foliage',
    palette: { body: '#e0201b', belly: '#e83a2c', wing: '#111111', head: '#e0201b', beak: '#c9c0a0' },
    seen: [{ place: 'magee', months: [5] }, { place: 'pelee', months: [5] }, { place: 'centralPark', months: [5] }],
  },
  {
    commonName: 'Indigo Bunting', shape: 'songbird', habitat: 'foliage',
    palette: { body: '#2a4fb0', belly: '#3560c4', wing: '#1f3d8c', head: '#2447a6', beak: '#9aa2ad' },
    seen: [{ place: 'capeMay', months: [5] }, { place: 'hawkMountain', months: [6] }],
  },
  {
    commonName: 'Cedar Waxwing', shape: 'songbird', habitat: 'autumn',
    palette: { body: '#b59a6b', belly: '#e3d38e', wing: '#7d7468', head: '#a98a5e', beak: '#1b1b1b', mask: '#101010', cap: '#a07f54', tailTip: '#f4d21c', shoulder: '#d0321f' },
    seen: [{ place: 'pelee', months: [5] }, { place: 'montezuma', months: [8] }],
  },
  {
    commonName: 'Eastern Bluebird', shape: 'songbird', habitat: 'sky',
    palette: { body: '#3d6fc4', belly: '#f1ede6', wing: '#2f5db3', head: '#3a68bd', beak: '#1b1b1b', breast: '#c66a2c', throat: '#c66a2c' },
    seen: [{ place: 'hawkMountain', months: [4] }, { place: 'montezuma', months: [10] }],
  },
  {
    commonName: 'Ruby-throated Hummingbird', shape: 'hummingbird', habitat: 'foliage',
    palette: { body: '#3f8f3a', belly: '#e8ece6', wing: '#56606a', head: '#3b8a37', beak: '#161616', throat: '#c4122f' },
    seen: [{ place: 'capeMay', months: [8, 9] }, { place: 'highIsland', months: [4] }],
  },
  {
    commonName: 'Belted Kingfisher', shape: 'kingfisher', habitat: 'water',
    palette: { body: '#5077a3', belly: '#f5f5f5', wing: '#41658e', head: '#4c73a0', beak: '#1c1c1c', throat: '#ffffff', breast: '#5077a3', wingBars: '#ffffff' },
    seen: [{ place: 'montezuma', months: [9] }, { place: 'everglades', months: [1] }],
  },
  {
    commonName: 'Great Blue Heron', shape: 'heron', habitat: 'water',
    palette: { body: '#7c8fa6', belly: '#9aa7b5', wing: '#5f7189', head: '#e9eef2', beak: '#d9a93c', mask: '#1b1b1b' },
    seen: [{ place: 'everglades', months: [2, 3] }, { place: 'bosque', months: [12] }],
  },
  {
    commonName: 'Wood Duck', shape: 'duck', habitat: 'water',
    palette: { body: '#c9b38a', belly: '#7b3a1f', wing: '#27304a', head: '#1f6b3a', beak: '#d2432f', cap: '#2c3e8a', throat: '#ffffff', eye: '#d8231c' },
    seen: [{ place: 'montezuma', months: [4, 10] }, { place: 'centralPark', months: [11] }],
  },
  {
    commonName: 'Bald Eagle', shape: 'raptor', habitat: 'sky',
    palette: { body: '#3b2a1e', belly: '#35261b', wing: '#2b1f16', head: '#f8f8f4', beak: '#f2c230', tailTip: '#f8f8f4', eye: '#f0d66a' },
    seen: [{ place: 'conowingo', months: [11, 12] }, { place: 'saxZim', months: [2] }],
  },
  {
    commonName: 'Snowy Owl', shape: 'owl', habitat: 'snow',
    palette: { body: '#f4f4f0', belly: '#fafaf7', wing: '#e6e6e0', head: '#f7f7f3', beak: '#2a2a2a', breast: '#3a3a3a', eye: '#f4c91d' },
    seen: [{ place: 'saxZim', months: [1] }, { place: 'jamaicaBay', months: [12] }],
  },
];

import type { DemoSpecies, Habitat, Palette } from './demo-species';

/** A deterministic source of variety: the same seed draws the same picture, byte for byte. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const between = (rng: Rng, min: number, max: number) => min + (max - min) * rng();
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const r1 = (n: number) => Math.round(n * 10) / 10;

const HABITATS: Record<Habitat, { top: string[]; bottom: string[]; bokeh: string[] }> = {
  foliage: { top: ['#a9cf8f', '#9cc58a', '#b7d69a', '#8fbf7e'], bottom: ['#3f6b34', '#4b7a3a', '#35602e'], bokeh: ['#d8ec9a', '#7fb26a', '#f1f5c4', '#5f8f4a'] },
  marsh: { top: ['#d3ddb0', '#c9d6a3', '#dfe3bb'], bottom: ['#6d7f3c', '#7c8a45', '#5f7034'], bokeh: ['#e9e4b5', '#a3b26a', '#c7c08a'] },
  sky: { top: ['#8fbfe6', '#9cc7ea', '#a7cdea'], bottom: ['#e4f0f8', '#d8e9f5', '#eef5fa'], bokeh: ['#ffffff', '#cfe3f3'] },
  snow: { top: ['#cfd9e3', '#d9e2ea', '#c6d2de'], bottom: ['#f7f9fb', '#eef2f6', '#fbfcfd'], bokeh: ['#ffffff', '#e3eaf0', '#b9c7d4'] },
  water: { top: ['#9cc3d6', '#8fb8cc', '#a6c9d9'], bottom: ['#2e5d73', '#35677e', '#284f63'], bokeh: ['#d7ecf5', '#6fa0b8'] },
  autumn: { top: ['#e9b86a', '#e3a857', '#edc27a'], bottom: ['#7a4a22', '#6e3f1c', '#874f24'], bokeh: ['#f6d08a', '#c8742f', '#a3502a', '#f2e0a0'] },
};

function background(rng: Rng, habitat: Habitat, width: number, height: number): string {
  const h = HABITATS[habitat];
  const defs: string[] = [`<linearGradient id="bg" x1="0" y1="0" x2="${r1(between(rng, -0.3, 0.3))}" y2="1"><stop offset="0" stop-color="${pick(rng, h.top)}"/><stop offset="1" stop-color="${pick(rng, h.bottom)}"/></linearGradient>`];
  const shapes: string[] = [`<rect width="${width}" height="${height}" fill="url(#bg)"/>`];
  // Out-of-focus highlights, as a long lens renders the background.
  const count = 6 + Math.floor(rng() * 10);
  for (let i = 0; i < count; i++) {
    defs.push(`<radialGradient id="b${i}"><stop offset="0" stop-color="${pick(rng, h.bokeh)}" stop-opacity="${r1(between(rng, 0.25, 0.6))}"/><stop offset="1" stop-color="${pick(rng, h.bokeh)}" stop-opacity="0"/></radialGradient>`);
    shapes.push(`<circle cx="${r1(rng() * width)}" cy="${r1(rng() * height)}" r="${r1(between(rng, 60, 320))}" fill="url(#b${i})"/>`);
  }
  if (habitat === 'marsh') {
    for (let i = 0; i < 26; i++) {
      const x = r1(rng() * width);
      shapes.push(`<path d="M ${x},${height} Q ${r1(x + between(rng, -40, 40))},${r1(height * 0.6)} ${r1(x + between(rng, -80, 80))},${r1(between(rng, height * 0.15, height * 0.5))}" stroke="#55652c" stroke-opacity="0.55" stroke-width="${r1(between(rng, 4, 12))}" fill="none"/>`);
    }
  }
  if (habitat === 'snow') {
    for (let i = 0; i < 90; i++) shapes.push(`<circle cx="${r1(rng() * width)}" cy="${r1(rng() * height)}" r="${r1(between(rng, 2, 7))}" fill="#ffffff" fill-opacity="0.8"/>`);
  }
  return `<defs>${defs.join('')}</defs>${shapes.join('')}`;
}

function perch(rng: Rng, width: number, y: number, habitat: Habitat): string {
  if (habitat === 'water') {
    const lines: string[] = [`<rect x="0" y="${r1(y)}" width="${width}" height="${r1(1067 - y)}" fill="#2b5a70" fill-opacity="0.55"/>`];
    for (let i = 0; i < 14; i++) {
      const ly = r1(y + 10 + rng() * (1067 - y));
      const lx = r1(rng() * width);
      lines.push(`<path d="M ${lx},${ly} q 60,-10 120,0 t 120,0" stroke="#d9eef6" stroke-opacity="0.45" stroke-width="3" fill="none"/>`);
    }
    return lines.join('');
  }
  const tilt = between(rng, -60, 60);
  const leaves: string[] = [];
  for (let i = 0; i < 5; i++) {
    const lx = r1(between(rng, 0, width));
    const ly = r1(y + tilt * (lx / width - 0.5) * 2 - 10);
    leaves.push(`<ellipse cx="${lx}" cy="${ly}" rx="${r1(between(rng, 30, 55))}" ry="14" fill="${habitat === 'autumn' ? '#b5541f' : '#4f7d36'}" transform="rotate(${r1(between(rng, -50, 50))} ${lx} ${ly})"/>`);
  }
  return `<path d="M -20,${r1(y - tilt)} C ${width * 0.3},${r1(y - tilt / 2 + 12)} ${width * 0.7},${r1(y + tilt / 2 - 12)} ${width + 20},${r1(y + tilt)}" stroke="#5b4130" stroke-width="30" stroke-linecap="round" fill="none"/>
<path d="M -20,${r1(y - tilt - 8)} C ${width * 0.3},${r1(y - tilt / 2 + 4)} ${width * 0.7},${r1(y + tilt / 2 - 20)} ${width + 20},${r1(y + tilt - 8)}" stroke="#8a6a4f" stroke-width="7" stroke-linecap="round" fill="none" stroke-opacity="0.7"/>${leaves.join('')}`;
}

function eye(x: number, y: number, r: number, p: Palette): string {
  return `${p.eye ? `<circle cx="${x}" cy="${y}" r="${r * 1.45}" fill="${p.eye}"/>` : ''}<circle cx="${x}" cy="${y}" r="${r}" fill="#111"/><circle cx="${x + r * 0.3}" cy="${y - r * 0.3}" r="${r * 0.32}" fill="#fff"/>`;
}

function songbird(p: Palette, big = false): string {
  const beak = big
    ? `<path d="M 150,-92 L 238,-70 L 150,-48 Z" fill="${p.beak}"/>`
    : `<path d="M 160,-80 L 205,-67 L 160,-55 Z" fill="${p.beak}"/>`;
  return `
<path d="M -85,5 L -235,55 L -222,98 L -75,45 Z" fill="${p.wing}"/>
${p.tailTip ? `<path d="M -228,56 L -238,62 L -226,100 L -215,94 Z" fill="${p.tailTip}"/>` : ''}
<path d="M -10,70 L -22,128 M 28,70 L 34,128" stroke="#5a4a3a" stroke-width="8" stroke-linecap="round"/>
<ellipse cx="0" cy="0" rx="128" ry="84" fill="${p.body}" transform="rotate(-18)"/>
<ellipse cx="28" cy="32" rx="88" ry="50" fill="${p.belly}" transform="rotate(-18)"/>
${p.breast ? `<ellipse cx="70" cy="5" rx="58" ry="44" fill="${p.breast}" fill-opacity="0.9" transform="rotate(-18)"/>` : ''}
${p.streaks ? [0, 1, 2, 3, 4].map((i) => `<path d="M ${40 + i * 18},${-5 + i * 6} l 8,26" stroke="${p.streaks}" stroke-width="5" stroke-linecap="round" stroke-opacity="0.75"/>`).join('') : ''}
<path d="M -78,-32 C -10,-64 72,-44 82,-2 C 42,30 -40,40 -112,24 Z" fill="${p.wing}"/>
${p.wingBars ? `<path d="M -40,-22 C 0,-34 40,-26 60,-12 M -55,0 C -10,-10 30,-2 52,10" stroke="${p.wingBars}" stroke-width="6" fill="none" stroke-linecap="round"/>` : ''}
${p.shoulder ? `<ellipse cx="40" cy="-30" rx="30" ry="16" fill="${p.shoulder}" transform="rotate(-20 40 -30)"/>` : ''}
<circle cx="${big ? 98 : 105}" cy="${big ? -78 : -70}" r="${big ? 74 : 60}" fill="${p.head}"/>
${p.cap ? `<path d="M ${big ? 30 : 48},-${big ? 90 : 84} A ${big ? 72 : 60} ${big ? 72 : 60} 0 0 1 ${big ? 168 : 162},-${big ? 98 : 88} Q 105,-${big ? 110 : 100} ${big ? 30 : 48},-${big ? 90 : 84} Z" fill="${p.cap}"/>` : ''}
${big ? `<path d="M 40,-120 L 20,-175 L 70,-140 L 70,-190 L 105,-146 L 125,-185 L 130,-140 Z" fill="${p.head}"/>` : ''}
${p.throat ? `<ellipse cx="140" cy="-34" rx="32" ry="30" fill="${p.throat}"/>` : ''}
${p.mask ? `<path d="M 92,-92 L 170,-84 L 168,-58 L 98,-58 Z" fill="${p.mask}"/>` : ''}
${eye(big ? 128 : 132, big ? -88 : -78, big ? 12 : 11, p)}
${beak}`;
}

function heron(p: Palette): string {
  return `
<path d="M -10,60 L -20,330 M 30,60 L 40,330" stroke="#4d4a44" stroke-width="10"/>
<path d="M -150,20 L -260,70 L -240,90 Z" fill="${p.wing}"/>
<ellipse cx="0" cy="0" rx="160" ry="85" fill="${p.body}" transform="rotate(-25)"/>
<path d="M -120,-10 C -40,-70 80,-60 120,-20 C 60,20 -60,40 -150,30 Z" fill="${p.wing}"/>
<path d="M 110,-50 C 190,-110 90,-190 150,-290" stroke="${p.belly}" stroke-width="44" fill="none" stroke-linecap="round"/>
<circle cx="160" cy="-300" r="38" fill="${p.head}"/>
<path d="M 130,-322 L 230,-316 L 200,-306 Z" fill="${p.mask}"/>
${eye(172, -306, 7, { ...p, eye: '#f0d040' })}
<path d="M 190,-302 L 320,-290 L 190,-282 Z" fill="${p.beak}"/>`;
}

function duck(p: Palette): string {
  return `
<ellipse cx="0" cy="40" rx="190" ry="70" fill="#1d3c4c" fill-opacity="0.45"/>
<path d="M -170,-10 L -250,-50 L -230,10 Z" fill="${p.wing}"/>
<ellipse cx="0" cy="0" rx="185" ry="75" fill="${p.body}"/>
<ellipse cx="95" cy="-5" rx="70" ry="62" fill="${p.belly}"/>
<path d="M -150,-30 C -60,-70 60,-60 90,-30 C 40,0 -60,10 -160,0 Z" fill="${p.wing}"/>
<circle cx="130" cy="-90" r="62" fill="${p.head}"/>
${p.cap ? `<path d="M 70,-110 C 90,-170 170,-170 190,-110 L 60,-70 Z" fill="${p.cap}"/>` : ''}
${p.throat ? `<path d="M 150,-50 C 170,-80 190,-80 200,-60 L 150,-30 Z" fill="${p.throat}"/><path d="M 80,-110 C 120,-100 160,-100 190,-112" stroke="#ffffff" stroke-width="5" fill="none"/>` : ''}
${eye(150, -100, 10, p)}
<path d="M 185,-92 C 215,-92 240,-82 245,-72 L 188,-64 Z" fill="${p.beak}"/>`;
}

function raptor(p: Palette): string {
  return `
<path d="M -30,110 L -50,220 L 20,220 L 10,110 Z" fill="${p.tailTip ?? p.wing}"/>
<path d="M -20,90 L -30,170 M 30,90 L 35,170" stroke="#e3b83a" stroke-width="14" stroke-linecap="round"/>
<ellipse cx="0" cy="0" rx="95" ry="150" fill="${p.body}" transform="rotate(8)"/>
<path d="M -80,-80 C -120,20 -90,120 -40,150 C -30,40 -40,-40 -20,-90 Z" fill="${p.wing}"/>
<circle cx="35" cy="-160" r="72" fill="${p.head}"/>
${eye(60, -175, 12, p)}
<path d="M 95,-170 C 150,-168 160,-140 140,-120 C 130,-135 115,-140 95,-140 Z" fill="${p.beak}"/>`;
}

function owl(p: Palette): string {
  const bars = Array.from({ length: 18 }, (_, i) => `<path d="M ${-90 + (i % 6) * 34},${-20 + Math.floor(i / 6) * 48} q 14,-10 28,0" stroke="${p.breast}" stroke-width="6" fill="none" stroke-linecap="round"/>`).join('');
  return `
<ellipse cx="0" cy="40" rx="150" ry="170" fill="${p.body}"/>
${bars}
<circle cx="0" cy="-170" r="118" fill="${p.head}"/>
<ellipse cx="-45" cy="-180" rx="40" ry="36" fill="#ecece6"/><ellipse cx="45" cy="-180" rx="40" ry="36" fill="#ecece6"/>
${eye(-45, -180, 14, p)}${eye(45, -180, 14, p)}
<path d="M -12,-150 L 12,-150 L 0,-118 Z" fill="${p.beak}"/>
<path d="M -60,-250 q 10,-8 20,0 M 20,-255 q 10,-8 20,0" stroke="${p.breast}" stroke-width="5" fill="none"/>`;
}

function hummingbird(p: Palette): string {
  return `
<ellipse cx="-40" cy="-110" rx="150" ry="44" fill="${p.wing}" fill-opacity="0.35" transform="rotate(-35 -40 -110)"/>
<ellipse cx="-10" cy="-120" rx="140" ry="40" fill="${p.wing}" fill-opacity="0.25" transform="rotate(-10 -10 -120)"/>
<path d="M -95,10 L -175,60 L -150,80 L -85,35 Z" fill="${p.wing}"/>
<ellipse cx="0" cy="0" rx="105" ry="55" fill="${p.body}" transform="rotate(-25)"/>
<ellipse cx="20" cy="25" rx="70" ry="30" fill="${p.belly}" transform="rotate(-25)"/>
<circle cx="90" cy="-55" r="44" fill="${p.head}"/>
<ellipse cx="112" cy="-22" rx="32" ry="22" fill="${p.throat}"/>
${eye(108, -64, 8, p)}
<path d="M 128,-60 L 270,-50 L 128,-48 Z" fill="${p.beak}"/>
<g transform="translate(330,-30)"><path d="M 0,0 L 60,-30 L 70,-10 Z" fill="#d8322f"/><path d="M 0,10 L 60,40 L 70,20 Z" fill="#c42a2a"/><path d="M 60,-10 L 200,10" stroke="#3f6b34" stroke-width="10"/></g>`;
}

function kingfisher(p: Palette): string {
  return `${songbird(p, true)}
<path d="M 40,-20 C 70,-10 110,-10 140,-30" stroke="${p.breast}" stroke-width="22" fill="none" stroke-linecap="round"/>`;
}

const SHAPES = { songbird: (p: Palette) => songbird(p), heron, duck, raptor, owl, hummingbird, kingfisher };

/**
 * An SVG picture of a bird of this species: its colours on a body of its kind, on a perch or water,
 * against a soft background of its habitat. Pose, size, place and background vary with the seed.
 */
export function drawBirdSvg(species: DemoSpecies, seed: number, width = 1600, height = 1067): string {
  const rng = seededRandom(seed);
  const perchY = between(rng, height * 0.62, height * 0.8);
  const flip = rng() < 0.45 ? -1 : 1;
  // Sizes as a long lens frames each kind: a warbler fills less of the frame than a heron does.
  const sizes: Record<DemoSpecies['shape'], [number, number]> = { songbird: [1.2, 1.85], kingfisher: [1.1, 1.6], hummingbird: [1.2, 1.7], heron: [0.85, 1.1], duck: [1.0, 1.5], raptor: [0.95, 1.3], owl: [0.9, 1.25] };
  const [small, large] = sizes[species.shape];
  const scale = between(rng, small, large);
  const cx = between(rng, width * 0.32, width * 0.68);
  // Feet on the perch: each body kind stands at a different depth below its centre.
  const footDepth = { songbird: 128, kingfisher: 128, heron: 330, duck: 30, raptor: 170, owl: 200, hummingbird: -220 }[species.shape];
  const cy = species.shape === 'hummingbird' ? between(rng, height * 0.35, height * 0.55) : perchY - footDepth * scale;
  const tilt = r1(between(rng, -8, 8));
  const bird = SHAPES[species.shape](species.palette);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
${background(rng, species.habitat, width, height)}
${species.shape === 'hummingbird' ? '' : perch(rng, width, perchY, species.shape === 'duck' || species.shape === 'heron' ? 'water' : species.habitat === 'water' ? 'foliage' : species.habitat)}
<g transform="translate(${r1(cx)},${r1(cy)}) scale(${r1(flip * scale * 100) / 100},${r1(scale * 100) / 100}) rotate(${tilt})">${bird}</g>
</svg>`;
}

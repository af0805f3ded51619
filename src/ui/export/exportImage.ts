/**
 * The PNG a planner hands on: the map view (base map + coverage overlay) with a legend panel on its
 * right — title, scenario, date, coverage layer and its colours, site colours, base-map key, the
 * "illustrative" warning when the sites are made up — plus a scale bar and the data attribution drawn
 * on the map as the app shows them. Everything is drawn with the 2D canvas API: text is text, never
 * HTML, so names from a user's file cannot inject anything.
 */

type RGBA = readonly [number, number, number, number];

export interface LegendSwatch {
  label: string;
  kind: 'fill' | 'line' | 'dashed' | 'dot';
  colour: string;
  border?: string;
}

export interface ExportLegendSpec {
  title: string;
  /** Short lines under the title (scenario, date), already worded. */
  lines: string[];
  /** Shown in red under the title when the scenario is made up. */
  illustrative: string | null;
  coverageHeading: string;
  coverageLabel: string | null;
  coverage: { kind: 'gaps'; colour: RGBA; label: string } | { kind: 'distance'; label: string; stops: ReadonlyArray<readonly [number, RGBA]>; ticks: [string, string, string]; none: RGBA; noneLabel: string } | null;
  sitesHeading: string;
  sites: LegendSwatch[];
  baseHeading: string;
  base: LegendSwatch[];
  footnote: string;
  attribution: string;
  /** Metres per CSS pixel at the map centre, for the scale bar. */
  metresPerPixel: number;
}

const PANEL_CSS_PX = 300;
const PAD = 14;
const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
const INK = '#2b2620';
const MUTED = '#7a7065';

const rgba = (c: RGBA) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] / 255).toFixed(3)})`;

/** Greedy line breaking that works for Chinese (no spaces) and English (breaks at spaces when it can). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    const tokens = para.match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|\s+/g) ?? [''];
    for (const tok of tokens) {
      const next = line + tok;
      if (line !== '' && ctx.measureText(next.trimEnd()).width > width) {
        out.push(line.trimEnd());
        line = tok.trimStart();
        // A single token wider than the line (a long id): cut it by characters.
        while (ctx.measureText(line).width > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && ctx.measureText(line.slice(0, cut)).width > width) cut--;
          out.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      } else line = next;
    }
    out.push(line.trimEnd());
  }
  return out;
}

/**
 * Lays out (and, unless `dry`, draws) the legend panel; returns the height used, in CSS pixels.
 * `ctx` is scaled so that 1 unit = 1 CSS pixel.
 */
function legend(ctx: CanvasRenderingContext2D, x0: number, spec: ExportLegendSpec, dry: boolean): number {
  const w = PANEL_CSS_PX - 2 * PAD;
  const x = x0 + PAD;
  let y = PAD;
  const text = (s: string, size: number, colour = INK, weight = 'normal') => {
    ctx.font = `${weight} ${size}px ${FONT}`;
    ctx.fillStyle = colour;
    ctx.textBaseline = 'top';
    for (const line of wrap(ctx, s, w)) {
      if (!dry) ctx.fillText(line, x, y);
      y += Math.round(size * 1.35);
    }
  };
  const heading = (s: string) => {
    y += 6;
    text(s, 13, INK, 'bold');
    y += 1;
  };
  const swatch = (sw: LegendSwatch) => {
    ctx.font = `normal 12px ${FONT}`;
    const lines = wrap(ctx, sw.label, w - 34);
    if (!dry) {
      ctx.save();
      if (sw.kind === 'dot') {
        ctx.fillStyle = sw.colour;
        ctx.beginPath();
        ctx.arc(x + 11, y + 8, 5, 0, 2 * Math.PI);
        ctx.fill();
      } else if (sw.kind === 'line') {
        ctx.fillStyle = sw.colour;
        ctx.fillRect(x, y + 6, 22, 3);
      } else {
        ctx.fillStyle = sw.colour;
        ctx.fillRect(x, y + 2, 22, 12);
        if (sw.border) {
          ctx.strokeStyle = sw.border;
          ctx.lineWidth = 2;
          if (sw.kind === 'dashed') ctx.setLineDash([4, 3]);
          ctx.strokeRect(x + 1, y + 3, 20, 10);
        }
      }
      ctx.restore();
      ctx.fillStyle = INK;
      ctx.textBaseline = 'top';
      ctx.font = `normal 12px ${FONT}`;
      lines.forEach((line, i) => ctx.fillText(line, x + 30, y + 1 + i * 16));
    }
    y += Math.max(18, lines.length * 16 + 2);
  };

  text(spec.title, 16, INK, 'bold');
  y += 2;
  for (const line of spec.lines) text(line, 12);
  if (spec.illustrative) {
    y += 2;
    text(spec.illustrative, 12, '#c0392b', 'bold');
  }
  heading(spec.coverageHeading);
  if (spec.coverageLabel) text(spec.coverageLabel, 12);
  const cov = spec.coverage;
  if (cov?.kind === 'gaps') swatch({ label: cov.label, kind: 'fill', colour: rgba(cov.colour) });
  if (cov?.kind === 'distance') {
    text(cov.label, 12, MUTED);
    if (!dry) {
      const g = ctx.createLinearGradient(x, 0, x + w, 0);
      for (const [f, c] of cov.stops) g.addColorStop(Math.min(1, f / 2), rgba(c));
      ctx.fillStyle = g;
      ctx.fillRect(x, y + 2, w, 12);
      ctx.font = `normal 11px ${FONT}`;
      ctx.fillStyle = MUTED;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.fillText(cov.ticks[0], x, y + 16);
      ctx.textAlign = 'center';
      ctx.fillText(cov.ticks[1], x + w / 2, y + 16);
      ctx.textAlign = 'right';
      ctx.fillText(cov.ticks[2], x + w, y + 16);
      ctx.textAlign = 'left';
    }
    y += 32;
    swatch({ label: cov.noneLabel, kind: 'fill', colour: rgba(cov.none) });
  }
  if (spec.sites.length > 0) {
    heading(spec.sitesHeading);
    for (const s of spec.sites) swatch(s);
  }
  heading(spec.baseHeading);
  for (const s of spec.base) swatch(s);
  y += 6;
  text(spec.footnote, 11, MUTED);
  return y + PAD;
}

/** Scale bar with a round length of at most ~120 CSS px, bottom-left of the map. */
function scaleBar(ctx: CanvasRenderingContext2D, mapH: number, metresPerPixel: number): void {
  const maxM = 120 * metresPerPixel;
  const pow = 10 ** Math.floor(Math.log10(maxM));
  const m = [5, 2, 1].map((f) => f * pow).find((v) => v <= maxM) ?? pow;
  const px = m / metresPerPixel;
  const x = 12;
  const y = mapH - 16;
  ctx.fillStyle = 'rgba(255,255,255,0.8)';
  ctx.fillRect(x - 4, y - 20, px + 8, 26);
  ctx.strokeStyle = INK;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x, y - 6);
  ctx.lineTo(x, y);
  ctx.lineTo(x + px, y);
  ctx.lineTo(x + px, y - 6);
  ctx.stroke();
  ctx.fillStyle = INK;
  ctx.font = `normal 11px ${FONT}`;
  ctx.textBaseline = 'bottom';
  ctx.fillText(m >= 1000 ? `${m / 1000} km` : `${m} m`, x + 2, y - 6);
}

/** The attribution line at the map's bottom-right, on a light strip as MapLibre shows it. */
function attribution(ctx: CanvasRenderingContext2D, mapW: number, mapH: number, line: string): void {
  ctx.font = `normal 11px ${FONT}`;
  const width = Math.min(ctx.measureText(line).width, mapW - 180);
  ctx.fillStyle = 'rgba(255,255,255,0.8)';
  ctx.fillRect(mapW - width - 10, mapH - 18, width + 10, 18);
  ctx.fillStyle = INK;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  ctx.fillText(line, mapW - 5, mapH - 9, width);
  ctx.textAlign = 'left';
}

/**
 * The export picture: `map` (device pixels, `scale` per CSS pixel) on the left, the legend panel on
 * the right; as tall as the taller of the two.
 */
export function composeExportImage(map: HTMLCanvasElement, scale: number, spec: ExportLegendSpec): HTMLCanvasElement {
  const probe = document.createElement('canvas').getContext('2d')!;
  const legendH = legend(probe, 0, spec, true);
  const mapW = map.width / scale;
  const mapH = map.height / scale;
  const out = document.createElement('canvas');
  out.width = Math.round((mapW + PANEL_CSS_PX) * scale);
  out.height = Math.round(Math.max(mapH, legendH) * scale);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(map, 0, 0);
  ctx.scale(scale, scale);
  scaleBar(ctx, mapH, spec.metresPerPixel);
  attribution(ctx, mapW, mapH, spec.attribution);
  ctx.fillStyle = '#ddd6cb';
  ctx.fillRect(mapW, 0, 1, out.height / scale);
  legend(ctx, mapW, spec, false);
  return out;
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
  );
}

/**
 * Which radius serves a piece of ground — the one rule that the coverage numbers, the gap picture,
 * the hover read-out, the drawn service areas and the optimizer all apply.
 *
 * The plans' charging rule is "外环内0.9公里服务半径、郊区新城及其他区域1.5公里服务半径": 0.9 km for
 * ground inside the Outer Ring, 1.5 km elsewhere. The radius belongs to the **ground**, not to the
 * site: a site just outside the S20 serves the ground inside the ring to 0.9 km and the ground outside
 * to 1.5 km, so what it reaches is (0.9 km disc ∩ inside) ∪ (1.5 km disc ∩ outside).
 *
 * A site with its own radius (a fast-charging hub, a macro 5G site: `Site.radiusKm`) serves that
 * radius on both sides of the ring. A side the rule leaves out (a target scoped to one ring part) is
 * not counted at all, whatever the site.
 */

/**
 * Which ground a share or km² counts: the **land** in an area (the default: district ∩ the land layer,
 * without river and lake surface and tidal flats) or the whole administrative **polygon**.
 */
export type Ground = 'land' | 'polygon';
export const GROUNDS: readonly Ground[] = ['land', 'polygon'];

/** Which side of the Outer Ring a piece of ground lies on. */
export type RingSide = 'inside' | 'outside';

/** A service-radius rule: radius (km) per side of the Outer Ring; null when that side is not counted. */
export interface ServiceRule {
  insideKm: number | null;
  outsideKm: number | null;
}

/** A site's own radius must lie in this range (km): 10 m to 50 km. */
export const OWN_RADIUS_KM = { min: 0.01, max: 50 } as const;

/**
 * The radius (km) within which a site serves ground on `side`; null when the rule leaves that side
 * out (the ground is not counted). A site's own radius, when it has one, applies on both sides.
 */
export function groundRadiusKm(rule: ServiceRule, side: RingSide, siteRadiusKm?: number | null): number | null {
  const ruleKm = side === 'inside' ? rule.insideKm : rule.outsideKm;
  if (ruleKm === null) return null;
  return siteRadiusKm ?? ruleKm;
}

/** {@link groundRadiusKm} in metres, −1 for a side that is not counted (no distance is ≤ −1). */
export function groundRadiusM(rule: ServiceRule, side: RingSide, siteRadiusKm?: number | null): number {
  const km = groundRadiusKm(rule, side, siteRadiusKm);
  return km === null ? -1 : km * 1000;
}

/** The farthest (km) a site reaches on any counted side; 0 when no side is counted. */
export function siteReachKm(rule: ServiceRule, siteRadiusKm?: number | null): number {
  return Math.max(groundRadiusKm(rule, 'inside', siteRadiusKm) ?? 0, groundRadiusKm(rule, 'outside', siteRadiusKm) ?? 0);
}

/** The largest radius the rule itself gives (km), own radii aside. */
export function ruleReachKm(rule: ServiceRule): number {
  return siteReachKm(rule, null);
}

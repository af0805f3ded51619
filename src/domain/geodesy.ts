/**
 * Great-circle distance on the mean-radius sphere (the same model as turf): the hover read-out, the
 * coverage floor's nearest-site search and the scenario comparison all measure with it.
 */
const R_M = 6_371_008.8;
const RAD = Math.PI / 180;

export interface Located {
  lon: number;
  lat: number;
}

/** Great-circle distance in metres. */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * R_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

// The projections a territory file may come in, resolved with proj4: the common French and European
// EPSG codes are defined here; any other is read from the file's own definition (WKT of a .prj or of a
// GeoPackage's gpkg_spatial_ref_sys). Everything is reprojected to WGS84 longitude/latitude.
import proj4 from 'proj4';

const LAMBERT_CC = Object.fromEntries([42, 43, 44, 45, 46, 47, 48, 49, 50].map((lat) => [
  `EPSG:${3900 + lat}`,
  `+proj=lcc +lat_0=${lat} +lon_0=3 +lat_1=${lat - 0.75} +lat_2=${lat + 0.75} +x_0=1700000 `
    + `+y_0=${(lat - 41) * 1000000 + 200000} +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`,
]));

const DEFINITIONS = {
  'EPSG:2154': '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 '
    + '+towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:27572': '+proj=lcc +lat_1=46.8 +lat_0=46.8 +lon_0=0 +k_0=0.99987742 +x_0=600000 +y_0=2200000 '
    + '+a=6378249.2 +b=6356515 +towgs84=-168,-60,320,0,0,0,0 +pm=paris +units=m +no_defs',
  'EPSG:3035': '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 '
    + '+units=m +no_defs',
  'EPSG:4171': '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs',
  'EPSG:4258': '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs',
  'EPSG:32630': '+proj=utm +zone=30 +datum=WGS84 +units=m +no_defs',
  'EPSG:32631': '+proj=utm +zone=31 +datum=WGS84 +units=m +no_defs',
  'EPSG:32632': '+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs',
  'EPSG:2975': '+proj=utm +zone=40 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:5490': '+proj=utm +zone=20 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  ...LAMBERT_CC,
};
for (const [code, definition] of Object.entries(DEFINITIONS)) {
  proj4.defs(code, definition);
}

/** The names (as .prj files write them) of the projections defined here. */
const NAMES = [
  [/lambert[_ -]?93/i, 'EPSG:2154'],
  [/lambert[_ ]II[_ ]?(e|é)tendu|NTF.*Lambert[_ ]II\b/i, 'EPSG:27572'],
  [/^RGF93_CC(4[2-9]|50)$/i, (m) => `EPSG:${3900 + Number(m[1])}`],
];

/**
 * A projection by its EPSG code ("EPSG:2154", "urn:ogc:def:crs:EPSG::2154", 2154), or null when this
 * portal does not know it.
 */
export function byCode(code) {
  const text = String(code).trim();
  if (/CRS84$/i.test(text)) {
    return 'EPSG:4326';
  }
  const match = /(?:EPSG)?[^0-9]*?(\d{4,5})$/i.exec(text);
  if (!match) {
    return null;
  }
  const name = `EPSG:${match[1]}`;
  return proj4.defs(name) ? name : null;
}

/** The name a WKT definition gives itself (PROJCS["RGF93_Lambert_93", ...]). */
export function wktName(wkt) {
  const match = /^\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\s*\[\s*"([^"]*)"/i.exec(wkt ?? '');
  return match ? match[1] : null;
}

/**
 * A projection from a WKT definition: its EPSG authority or name when known here, else the WKT itself as
 * proj4 reads it. Returns {code, label}; throws a French Error when the definition cannot be used.
 */
export function fromWkt(wkt) {
  const authority = /AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(wkt.trim())
    ?? /ID\s*\[\s*"EPSG"\s*,\s*(\d+)\s*\]\s*\]\s*$/i.exec(wkt.trim());
  if (authority && byCode(authority[1])) {
    return { code: byCode(authority[1]), label: `EPSG:${authority[1]}` };
  }
  const name = wktName(wkt);
  for (const [pattern, code] of NAMES) {
    const match = name ? pattern.exec(name) : null;
    if (match) {
      const resolved = typeof code === 'function' ? code(match) : code;
      return { code: resolved, label: resolved };
    }
  }
  try {
    proj4(wkt, 'EPSG:4326', [0, 0]);
  } catch (error) {
    throw new Error(`projection inconnue${name ? ` (« ${name} »)` : ''} : enregistrez le fichier en Lambert 93 `
      + '(EPSG:2154) ou en WGS 84 (EPSG:4326)');
  }
  return { code: wkt, label: name ?? 'projection du fichier' };
}

/** A function turning [x, y] of the projection into [longitude, latitude]. */
export function toLonLat(code) {
  if (code === 'EPSG:4326') {
    return (xy) => [xy[0], xy[1]];
  }
  const converter = proj4(code, 'EPSG:4326');
  return (xy) => converter.forward([xy[0], xy[1]]);
}

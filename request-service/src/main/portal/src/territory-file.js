// A territory read from a file in the browser: GeoJSON, GeoPackage or a zipped Shapefile, in the projection
// the file declares (GeoJSON "crs", gpkg_spatial_ref_sys, .prj), reprojected to WGS84 with proj4. Only the
// polygons are kept (one Polygon, or a MultiPolygon of them all). The API stays the only validator of the
// shape itself; what is refused here is what cannot be read, with a French message saying why.
import { iter } from 'but-unzip';
import { getShapefile } from 'shpjs';
import initSqlJs from 'sql.js/dist/sql-wasm-browser.js';
import { byCode, fromWkt, toLonLat } from './projections.js';
import { readGeoPackageGeometry } from './wkb.js';

/** The largest file read (the API bounds the vertices of a territory anyway). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Where the portal serves sql.js's WebAssembly (copied there by build.mjs: never a CDN). */
const SQL_WASM = new URL('sql-wasm.wasm', new URL('assets/', document.baseURI)).href;
const FORMATS = 'GeoJSON (.geojson, .json), GeoPackage (.gpkg) ou Shapefile zippé (.zip avec .shp, .shx, .dbf et .prj)';

function fail(file, message) {
  throw new Error(`« ${file.name} » : ${message}`);
}

/** The polygons of any GeoJSON object, and how many other geometries it held. */
function collect(object, found) {
  if (!object) {
    return found;
  }
  switch (object.type) {
    case 'FeatureCollection':
      (object.features ?? []).forEach((feature) => collect(feature, found));
      break;
    case 'Feature':
      collect(object.geometry, found);
      break;
    case 'GeometryCollection':
      (object.geometries ?? []).forEach((geometry) => collect(geometry, found));
      break;
    case 'Polygon':
      found.polygons.push(object.coordinates);
      break;
    case 'MultiPolygon':
      found.polygons.push(...object.coordinates);
      break;
    case 'Point':
    case 'MultiPoint':
    case 'LineString':
    case 'MultiLineString':
      found.others += 1;
      break;
    default:
      break;
  }
  return found;
}

function reproject(polygons, convert) {
  return polygons.map((rings) => rings.map((ring) => ring.map((xy) => {
    const [lon, lat] = convert(xy);
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      throw new Error(`le point (${xy[0]}, ${xy[1]}) ne donne pas une longitude/latitude : `
        + 'la projection déclarée par le fichier ne correspond pas à ses coordonnées');
    }
    return [lon, lat];
  })));
}

function result(file, found, projection, convert) {
  if (found.polygons.length === 0) {
    fail(file, found.others > 0
      ? `aucun polygone (${found.others} point(s) ou ligne(s) seulement) : le territoire doit être une surface`
      : 'aucun polygone : le fichier est vide');
  }
  let polygons;
  try {
    polygons = reproject(found.polygons, convert);
  } catch (error) {
    fail(file, error.message);
  }
  const geometry = polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
  const count = polygons.length;
  return {
    geometry,
    description: `${count} polygone${count > 1 ? 's' : ''} lu${count > 1 ? 's' : ''} depuis ${file.name} (${projection})`,
  };
}

async function readGeoJson(file) {
  let object;
  try {
    object = JSON.parse(await file.text());
  } catch (error) {
    fail(file, `ce n’est pas du JSON valide (${error.message})`);
  }
  if (!object || typeof object !== 'object' || typeof object.type !== 'string') {
    fail(file, 'ce n’est pas un objet GeoJSON (membre « type » absent)');
  }
  const crsName = object.crs?.properties?.name;
  let projection = 'EPSG:4326';
  if (crsName) {
    projection = byCode(crsName);
    if (!projection) {
      fail(file, `projection inconnue (« ${crsName} ») : enregistrez le fichier en WGS 84 (EPSG:4326) ou en Lambert 93 (EPSG:2154)`);
    }
  }
  return result(file, collect(object, { polygons: [], others: 0 }), projection, toLonLat(projection));
}

async function readShapefile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const entries = {};
  try {
    for (const entry of iter(bytes)) {
      const match = /(?:^|\/)([^/]+)\.(shp|dbf|prj|cpg)$/i.exec(entry.filename);
      if (match && !entry.filename.includes('__MACOSX')) {
        entries[`${match[1]}.${match[2].toLowerCase()}`] = await entry.read();
      }
    }
  } catch (error) {
    fail(file, `ce n’est pas une archive zip lisible (${error.message})`);
  }
  const layers = Object.keys(entries).filter((name) => name.endsWith('.shp')).map((name) => name.slice(0, -4));
  if (layers.length === 0) {
    fail(file, 'l’archive ne contient aucun fichier .shp : zippez ensemble les fichiers .shp, .shx, .dbf et .prj de la couche');
  }
  const decoder = new TextDecoder();
  const found = { polygons: [], others: 0 };
  let projection = null;
  for (const layer of layers) {
    const prj = entries[`${layer}.prj`];
    if (!prj) {
      fail(file, `la couche « ${layer} » n’a pas de fichier .prj : sa projection est inconnue`);
    }
    let resolved;
    try {
      resolved = fromWkt(decoder.decode(prj));
    } catch (error) {
      fail(file, `couche « ${layer} » : ${error.message}`);
    }
    if (projection && projection.label !== resolved.label) {
      fail(file, `les couches sont dans des projections différentes (${projection.label}, ${resolved.label})`);
    }
    projection = resolved;
    let collection;
    try {
      // read as stored (no .prj given to shpjs): the reprojection below is the one of every format
      collection = await getShapefile({ shp: entries[`${layer}.shp`], dbf: entries[`${layer}.dbf`] });
    } catch (error) {
      fail(file, `couche « ${layer} » illisible (${error.message})`);
    }
    collect(collection, found);
  }
  return result(file, found, projection.label, toLonLat(projection.code));
}

let sqlJs = null;

async function readGeoPackage(file) {
  sqlJs ??= initSqlJs({ locateFile: () => SQL_WASM });
  const SQL = await sqlJs;
  let db;
  try {
    db = new SQL.Database(new Uint8Array(await file.arrayBuffer()));
    db.exec('SELECT 1 FROM sqlite_master LIMIT 1');
  } catch (error) {
    fail(file, `ce n’est pas un GeoPackage lisible (${error.message})`);
  }
  try {
    const rows = (sql, parameters) => {
      const statement = db.prepare(sql);
      statement.bind(parameters ?? []);
      const out = [];
      while (statement.step()) {
        out.push(statement.getAsObject());
      }
      statement.free();
      return out;
    };
    let columns;
    try {
      columns = rows('SELECT table_name, column_name, srs_id FROM gpkg_geometry_columns');
    } catch (error) {
      fail(file, 'ce n’est pas un GeoPackage (table gpkg_geometry_columns absente)');
    }
    if (columns.length === 0) {
      fail(file, 'le GeoPackage ne contient aucune couche géographique');
    }
    const found = { polygons: [], others: 0 };
    let projection = null;
    for (const column of columns) {
      const [srs] = rows('SELECT srs_name, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys '
        + 'WHERE srs_id = ?', [column.srs_id]);
      const resolved = resolveSrs(file, column, srs);
      if (projection && projection.label !== resolved.label) {
        fail(file, `les couches sont dans des projections différentes (${projection.label}, ${resolved.label})`);
      }
      projection = resolved;
      const table = `"${String(column.table_name).replaceAll('"', '""')}"`;
      const geometryColumn = `"${String(column.column_name).replaceAll('"', '""')}"`;
      for (const row of rows(`SELECT ${geometryColumn} AS g FROM ${table} WHERE ${geometryColumn} IS NOT NULL`)) {
        let read;
        try {
          read = readGeoPackageGeometry(row.g);
        } catch (error) {
          fail(file, `couche « ${column.table_name} » : ${error.message}`);
        }
        collect(read.geometry, found);
      }
    }
    return result(file, found, projection.label, toLonLat(projection.code));
  } finally {
    db.close();
  }
}

function resolveSrs(file, column, srs) {
  if (!srs || Number(column.srs_id) <= 0) {
    fail(file, `la couche « ${column.table_name} » n’a pas de projection définie (srs_id ${column.srs_id})`);
  }
  if (String(srs.organization).toUpperCase() === 'EPSG') {
    const code = byCode(srs.organization_coordsys_id);
    if (code) {
      return { code, label: code };
    }
  }
  try {
    return fromWkt(String(srs.definition ?? ''));
  } catch (error) {
    fail(file, `couche « ${column.table_name} » : ${error.message}`);
  }
  return null;
}

/**
 * Reads a territory file: {geometry (GeoJSON Polygon or MultiPolygon, EPSG:4326), description}; throws an Error
 * whose message (French) says what is wrong with the file.
 */
export async function readTerritoryFile(file) {
  if (!file) {
    throw new Error('aucun fichier choisi');
  }
  if (file.size > MAX_FILE_BYTES) {
    fail(file, `fichier trop volumineux (${Math.ceil(file.size / 1024 / 1024)} Mo, au plus ${MAX_FILE_BYTES / 1024 / 1024} Mo) : `
      + 'simplifiez le territoire ou choisissez des zones de référence');
  }
  const name = file.name.toLowerCase();
  if (name.endsWith('.geojson') || name.endsWith('.json')) {
    return readGeoJson(file);
  }
  if (name.endsWith('.gpkg')) {
    return readGeoPackage(file);
  }
  if (name.endsWith('.zip')) {
    return readShapefile(file);
  }
  return fail(file, `format non reconnu. Formats acceptés : ${FORMATS}`);
}

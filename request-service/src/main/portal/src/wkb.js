// Well-known binary (ISO and extended WKB, 2D to 4D) into GeoJSON geometries, and the geometry blobs of
// a GeoPackage (a "GP" header, then WKB). Only the x and y of each position are kept.

const TYPES = {
  1: 'Point', 2: 'LineString', 3: 'Polygon', 4: 'MultiPoint', 5: 'MultiLineString', 6: 'MultiPolygon',
  7: 'GeometryCollection',
};

class Reader {
  constructor(view, offset) {
    this.view = view;
    this.offset = offset;
    this.little = true;
  }

  byte() {
    const value = this.view.getUint8(this.offset);
    this.offset += 1;
    return value;
  }

  uint32() {
    const value = this.view.getUint32(this.offset, this.little);
    this.offset += 4;
    return value;
  }

  double() {
    const value = this.view.getFloat64(this.offset, this.little);
    this.offset += 8;
    return value;
  }
}

function geometry(reader) {
  reader.little = reader.byte() === 1;
  const raw = reader.uint32();
  // extended WKB flags (PostGIS) or ISO thousands (1000 Z, 2000 M, 3000 ZM)
  let dims = 2 + ((raw & 0x80000000) ? 1 : 0) + ((raw & 0x40000000) ? 1 : 0);
  if (raw & 0x20000000) {
    reader.uint32();
  }
  let code = raw & 0x0fffffff;
  if (code >= 1000) {
    const thousands = Math.floor(code / 1000);
    dims = 2 + (thousands === 3 ? 2 : 1);
    code %= 1000;
  }
  const type = TYPES[code];
  if (!type) {
    throw new Error(`type de géométrie WKB ${code} non pris en charge (courbes ?)`);
  }
  const position = () => {
    const xy = [reader.double(), reader.double()];
    for (let i = 2; i < dims; i += 1) {
      reader.double();
    }
    return xy;
  };
  const positions = () => Array.from({ length: reader.uint32() }, position);
  const rings = () => Array.from({ length: reader.uint32() }, positions);
  const parts = () => Array.from({ length: reader.uint32() }, () => geometry(reader));
  switch (type) {
    case 'Point':
      return { type, coordinates: position() };
    case 'LineString':
      return { type, coordinates: positions() };
    case 'Polygon':
      return { type, coordinates: rings() };
    case 'GeometryCollection':
      return { type, geometries: parts() };
    default:
      return { type, coordinates: parts().map((part) => part.coordinates) };
  }
}

/** A WKB geometry read from bytes at an offset. */
export function readWkb(bytes, offset = 0) {
  return geometry(new Reader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset));
}

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/** A GeoPackage geometry blob: {srsId, geometry} (geometry null for an empty one). */
export function readGeoPackageGeometry(bytes) {
  if (bytes.length < 8 || bytes[0] !== 0x47 || bytes[1] !== 0x50) {
    throw new Error('géométrie GeoPackage illisible (en-tête « GP » absent)');
  }
  const flags = bytes[3];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const srsId = view.getInt32(4, (flags & 1) === 1);
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 7];
  if (envelope === undefined) {
    throw new Error('géométrie GeoPackage illisible (enveloppe inconnue)');
  }
  if (flags & 0x10) {
    return { srsId, geometry: null };
  }
  return { srsId, geometry: readWkb(bytes, 8 + envelope) };
}

// The legend of a preview map (GET /api/v1/fluxes/{id}/preview, POST /api/v1/fluxes/preview): how many of the
// sampled records each level shows, in French. The map itself is drawn by the request page (map.js).

// The levels in the order the legend lists them, in French. A level groups several labels of the files
// (niveau_libelle: "Sensible - Diffusion à la maille 10km", "Non sensible - Diffusion à la maille 10km (restriction
// du producteur)"...): the legend names the level, each feature keeps its own label for the map's pop-up.
export const PREVIEW_LEVELS = [
  ['PRECISE', 'Localisation précise'],
  ['COMMUNE', 'Diffusion à la commune'],
  ['GRID', 'Diffusion à la maille'],
  ['DEPARTEMENT', 'Diffusion au département'],
];

// Counts the features of a preview by level (properties.niveau).
export function countPreviewLevels(featureCollection) {
  const counts = new Map(PREVIEW_LEVELS.map(([level, words]) => [level, { label: words, count: 0 }]));
  const features = Array.isArray(featureCollection?.features) ? featureCollection.features : [];
  for (const feature of features) {
    const entry = counts.get(feature?.properties?.niveau);
    if (entry) {
      entry.count += 1;
    }
  }
  return counts;
}

function row(body, label, count) {
  const tr = document.createElement('tr');
  const th = document.createElement('th');
  th.scope = 'row';
  th.textContent = label;
  const td = document.createElement('td');
  td.textContent = String(count);
  tr.append(th, td);
  body.appendChild(tr);
}

// Replaces the container's content with a table of the sample's records per level, and a sentence saying how
// many records were sampled out of the bound.
export function renderPreviewLegend(container, featureCollection) {
  container.replaceChildren();
  const counts = countPreviewLevels(featureCollection);
  const sampled = Number(featureCollection?.sampled ?? featureCollection?.features?.length ?? 0);
  const table = document.createElement('table');
  table.className = 'legende-apercu';
  const caption = document.createElement('caption');
  caption.textContent = 'Aperçu : observations de l’échantillon par niveau de diffusion';
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  for (const title of ['Niveau de diffusion', 'Observations']) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = title;
    headRow.appendChild(th);
  }
  head.appendChild(headRow);
  const body = document.createElement('tbody');
  for (const [level] of PREVIEW_LEVELS) {
    const entry = counts.get(level);
    row(body, entry.label, entry.count);
  }
  table.append(caption, head, body);
  const note = document.createElement('p');
  const limit = featureCollection?.limit;
  note.textContent = sampled === 0
    ? 'Aucune observation ne serait diffusée sur ce territoire.'
    : `Échantillon de ${sampled} observation${sampled > 1 ? 's' : ''}`
      + (limit ? ` (au plus ${limit})` : '')
      + ', placées comme dans les fichiers : jamais plus précisément que leur niveau de diffusion. '
      + 'Les observations non diffusées n’apparaissent pas.';
  container.append(table, note);
  return counts;
}

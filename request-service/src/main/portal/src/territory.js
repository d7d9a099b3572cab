// The territory of a flux request, given in one of four ways: drawn on the map, uploaded as a file, picked
// as reference areas (communes, départements, grid cells: GET /api/v1/areas), or described in words (the
// request then waits for the staff's shape). value() is the API's territory member; showErrors() puts the
// API's violations under /territory next to the input they concern.
import Feature from 'ol/Feature.js';
import Draw from 'ol/interaction/Draw.js';
import MultiPolygon from 'ol/geom/MultiPolygon.js';
import VectorLayer from 'ol/layer/Vector.js';
import VectorSource from 'ol/source/Vector.js';
import { api } from './api.js';
import { TERRITORY_STYLE, toGeoJson } from './map.js';
import { readTerritoryFile } from './territory-file.js';

const MODES = [
  ['dessin', 'Dessiner sur la carte'],
  ['fichier', 'Téléverser un fichier'],
  ['zones', 'Choisir des zones de référence'],
  ['description', 'Décrire en mots'],
];
/** The area types offered, by tile layer (their codes come from GET /api/v1/tiles). */
const AREA_LABELS = { communes: 'Communes', departements: 'Départements', grid: 'Mailles' };
const SEARCH_SIZE = 20;

let counter = 0;

function element(tag, attributes = {}, text = undefined) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/**
 * Renders the territory input into `container`. options: map (createMap's answer), onChange (called with
 * value() whenever it changes), areaTypes ([{code, label}]; from the map's tile layers when absent).
 */
export function createTerritoryInput(container, { map, onChange = () => {}, areaTypes } = {}) {
  counter += 1;
  const id = (name) => `territoire-${name}${counter > 1 ? `-${counter}` : ''}`;
  let mode = 'dessin';
  let drawn = [];
  let uploaded = null;
  const picked = new Map();

  const fieldset = element('fieldset', { class: 'territoire', 'data-path': '/territory', id: id('groupe') });
  fieldset.appendChild(element('legend', {}, 'Territoire'));
  const choices = element('div', { class: 'modes', role: 'radiogroup', 'aria-label': 'Comment donner le territoire' });
  for (const [value, label] of MODES) {
    const radio = element('input', { type: 'radio', name: id('mode'), id: id(`mode-${value}`), value });
    if (value === mode) {
      radio.checked = true;
    }
    radio.addEventListener('change', () => select(value));
    const wrapper = element('span', { class: 'choix' });
    wrapper.append(radio, element('label', { for: id(`mode-${value}`) }, label));
    choices.appendChild(wrapper);
  }
  fieldset.appendChild(choices);

  // drawn on the map
  const drawPanel = element('div', { class: 'panneau', id: id('panneau-dessin') });
  drawPanel.appendChild(element('p', { id: id('aide-dessin') }, 'Cliquez sur la carte pour placer les sommets du polygone, '
    + 'double-cliquez pour le fermer. Plusieurs polygones s’ajoutent.'));
  const clearDrawing = element('button', { type: 'button', id: id('effacer-dessin') }, 'Effacer le dessin');
  drawPanel.appendChild(clearDrawing);
  const drawStatus = element('p', { id: id('dessin-etat'), role: 'status' }, 'Aucun polygone dessiné.');
  drawPanel.appendChild(drawStatus);

  // uploaded
  const filePanel = element('div', { class: 'panneau', id: id('panneau-fichier'), hidden: '' });
  const fileInput = element('input', { type: 'file', id: id('fichier'), accept: '.geojson,.json,.gpkg,.zip',
    'aria-describedby': `${id('fichier-aide')} ${id('fichier-message')}` });
  filePanel.append(element('label', { for: id('fichier') }, 'Fichier du territoire'), fileInput,
    element('p', { id: id('fichier-aide'), class: 'aide' }, 'GeoJSON, GeoPackage ou Shapefile zippé (.zip avec .shp, .shx, '
      + '.dbf et .prj), dans la projection de votre choix (elle est lue dans le fichier).'),
    element('p', { id: id('fichier-message'), role: 'status', 'aria-live': 'polite' }));
  const fileMessage = filePanel.querySelector(`#${id('fichier-message')}`);

  // reference areas
  const areaPanel = element('div', { class: 'panneau', id: id('panneau-zones'), hidden: '' });
  const typeSelect = element('select', { id: id('zone-type') });
  const searchInput = element('input', { type: 'search', id: id('zone-recherche'), autocomplete: 'off',
    'aria-describedby': id('zone-aide') });
  const searchButton = element('button', { type: 'button', id: id('zone-chercher') }, 'Rechercher');
  const results = element('ul', { id: id('zone-resultats'), class: 'resultats', 'aria-label': 'Zones trouvées' });
  const chosen = element('ul', { id: id('zones-choisies'), class: 'choisies', 'aria-label': 'Zones choisies' });
  const areaStatus = element('p', { id: id('zone-etat'), role: 'status', 'aria-live': 'polite' });
  const searchRow = element('div', { class: 'ligne' });
  searchRow.append(element('label', { for: id('zone-type') }, 'Type de zone'), typeSelect,
    element('label', { for: id('zone-recherche') }, 'Nom ou code'), searchInput, searchButton);
  areaPanel.append(searchRow, element('p', { id: id('zone-aide'), class: 'aide' }, 'Par exemple « Vincennes » ou « 94080 »'),
    areaStatus, results, element('h3', {}, 'Zones choisies'), chosen);

  // described in words
  const describePanel = element('div', { class: 'panneau', id: id('panneau-description'), hidden: '' });
  const description = element('textarea', { id: id('description'), rows: '4', 'aria-describedby': id('description-aide') });
  describePanel.append(element('label', { for: id('description') }, 'Description du territoire'), description,
    element('p', { id: id('description-aide'), class: 'aide' }, 'Communes, site, limites… La demande attend alors que '
      + 'l’équipe de la plateforme y joigne la forme du territoire avant de la valider.'));

  const errors = element('p', { id: id('erreurs'), class: 'erreur', 'aria-live': 'polite' });
  fieldset.append(drawPanel, filePanel, areaPanel, describePanel, errors);
  container.appendChild(fieldset);

  const panels = { dessin: drawPanel, fichier: filePanel, zones: areaPanel, description: describePanel };
  const inputs = { dessin: clearDrawing, fichier: fileInput, zones: searchInput, description };

  // drawing happens on its own layer; the map's overlay shows the file's or the areas' shapes
  const drawSource = new VectorSource();
  map.map.addLayer(new VectorLayer({ source: drawSource, style: TERRITORY_STYLE, zIndex: 11 }));
  const draw = new Draw({ source: drawSource, type: 'Polygon' });
  draw.on('drawend', (event) => {
    drawn.push(event.feature.getGeometry());
    drawStatus.textContent = `${drawn.length} polygone${drawn.length > 1 ? 's' : ''} dessiné${drawn.length > 1 ? 's' : ''}.`;
    changed();
  });
  clearDrawing.addEventListener('click', () => {
    drawSource.clear();
    drawn = [];
    drawStatus.textContent = 'Aucun polygone dessiné.';
    changed();
  });

  function changed() {
    onChange(value());
  }

  function select(next) {
    mode = next;
    for (const [name, panel] of Object.entries(panels)) {
      panel.hidden = name !== mode;
    }
    map.map.removeInteraction(draw);
    if (mode === 'dessin') {
      map.map.addInteraction(draw);
    }
    redraw();
    clearErrors();
    changed();
  }

  function redraw() {
    drawSource.clear();
    map.clear();
    if (mode === 'dessin') {
      drawn.forEach((geometry) => drawSource.addFeature(featureOf(geometry)));
    } else if (mode === 'fichier' && uploaded) {
      map.showGeometry(uploaded.geometry);
    } else if (mode === 'zones' && picked.size > 0) {
      map.showGeometry({ type: 'GeometryCollection', geometries: [...picked.values()].map((area) => area.geometry) });
    }
  }

  fileInput.addEventListener('change', async () => {
    uploaded = null;
    clearErrors();
    map.clear();
    const [file] = fileInput.files;
    if (!file) {
      fileMessage.textContent = '';
      changed();
      return;
    }
    fileMessage.textContent = `Lecture de « ${file.name} »…`;
    try {
      uploaded = await readTerritoryFile(file);
      fileMessage.textContent = uploaded.description;
      fileMessage.className = 'ok';
      map.showGeometry(uploaded.geometry);
    } catch (error) {
      fileMessage.textContent = '';
      showMessage(fileInput, `Fichier refusé : ${error.message}`);
    }
    changed();
  });

  async function search() {
    const q = searchInput.value.trim();
    const type = typeSelect.value;
    areaStatus.textContent = 'Recherche…';
    results.replaceChildren();
    try {
      const params = new URLSearchParams({ size: String(SEARCH_SIZE) });
      if (type) {
        params.set('type', type);
      }
      if (q) {
        params.set('q', q);
      }
      const found = await api(`/api/v1/areas?${params}`);
      areaStatus.textContent = found.length === 0 ? 'Aucune zone trouvée.' : `${found.length} zone(s) trouvée(s).`;
      for (const area of found) {
        const item = element('li', { 'data-area': `${area.type}:${area.code}` });
        item.appendChild(element('span', {}, `${area.name} (${area.type} ${area.code})`));
        const add = element('button', { type: 'button', 'aria-label': `Ajouter ${area.name} (${area.code})` }, 'Ajouter');
        add.addEventListener('click', () => addArea(area));
        item.appendChild(add);
        results.appendChild(item);
      }
    } catch (error) {
      areaStatus.textContent = `Recherche impossible : ${error.message}`;
    }
  }

  async function addArea(area) {
    const key = `${area.type}:${area.code}`;
    if (picked.has(key)) {
      return;
    }
    const shape = await api(`/api/v1/areas/${area.id}`);
    picked.set(key, { type: area.type, code: area.code, name: area.name, geometry: shape.geometry });
    const item = element('li', { 'data-area': key });
    item.appendChild(element('span', {}, `${area.name} (${area.type} ${area.code})`));
    const remove = element('button', { type: 'button', 'aria-label': `Retirer ${area.name} (${area.code})` }, 'Retirer');
    remove.addEventListener('click', () => {
      picked.delete(key);
      item.remove();
      redraw();
      changed();
    });
    item.appendChild(remove);
    chosen.appendChild(item);
    redraw();
    changed();
  }

  searchButton.addEventListener('click', search);
  searchInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      search();
    }
  });
  description.addEventListener('input', changed);

  Promise.resolve(areaTypes ?? map.background.then((layers) => layers.map((layer) => ({
    code: layer.areaType, label: AREA_LABELS[layer.name] ?? layer.name,
  })))).then((types) => {
    typeSelect.replaceChildren(element('option', { value: '' }, 'Tous les types'),
      ...types.map((type) => element('option', { value: type.code }, `${type.label} (${type.code})`)));
  }).catch(() => {
    typeSelect.replaceChildren(element('option', { value: '' }, 'Tous les types'));
  });

  function featureOf(geometry) {
    return new Feature(geometry);
  }

  function value() {
    switch (mode) {
      case 'dessin':
        if (drawn.length === 0) {
          return {};
        }
        return {
          geometry: drawn.length === 1
            ? toGeoJson(drawn[0])
            : toGeoJson(new MultiPolygon(drawn.map((polygon) => polygon.getCoordinates()))),
        };
      case 'fichier':
        return uploaded ? { geometry: uploaded.geometry } : {};
      case 'zones':
        return picked.size === 0 ? {} : { areas: [...picked.values()].map(({ type, code }) => ({ type, code })) };
      default:
        return { description: description.value };
    }
  }

  function showMessage(input, message) {
    errors.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    if (!described.includes(errors.id)) {
      input.setAttribute('aria-describedby', [...described, errors.id].join(' '));
    }
  }

  function clearErrors() {
    errors.textContent = '';
    Object.values(inputs).forEach((input) => input.removeAttribute('aria-invalid'));
  }

  select(mode);

  return {
    value,
    /** Shows the violations whose path is under /territory next to the active input; returns those it showed. */
    showErrors(violations) {
      clearErrors();
      const mine = (violations ?? []).filter((v) => v.path === '/territory' || v.path.startsWith('/territory/'));
      if (mine.length > 0) {
        showMessage(inputs[mode], mine.map((v) => v.message).join(' ; '));
      }
      return mine;
    },
    /** The id of the element the territory's errors are shown in. */
    errorsId: errors.id,
  };
}

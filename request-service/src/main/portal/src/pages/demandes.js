// "Demandes à examiner" (the platform's staff): the queue of requested fluxes, oldest first, each
// described in full with its estimate by level, and the staff's decisions on it: approve, reject with a
// reason, suspend, resume, revoke (confirmed), edit (the API validates; its 400s next to the inputs),
// the territory on the map, and the shape of a territory described in words attached (drawn, uploaded or
// picked as reference areas, with the request page's territory input).
// Every action goes through the API, then the item is read again from it.
import GeoJSON from 'ol/format/GeoJSON.js';
import WKT from 'ol/format/WKT.js';
import { ApiError, api, whoAmI } from '../api.js';
import { renderHeader } from '../header.js';
import { FLUX_STATUS } from '../labels.js';
import { createMap } from '../map.js';
import { createTerritoryInput } from '../territory.js';
import { describeFlux, describedOnly, estimateText } from '../flux-summary.js';
import { filterNames } from '../record-filters.js';
import { contentShown, definition, element, pageError } from '../staff.js';
import { clearViolations, showViolations } from '../violations.js';

const PAGE_SIZE = 50;
const WKT_FORMAT = new WKT();
const GEOJSON_FORMAT = new GeoJSON();
const partners = new Map();
let filterNamesRead;
let inputCount = 0;

function fluxTitle(flux) {
  return String(flux.structure ?? flux.id);
}

function button(text, onClick, className) {
  const b = element('button', text, className);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

/** A labelled input filling the JSON path {@code path} of a PATCH body. */
function field(form, label, path, value, { multiline = false } = {}) {
  inputCount += 1;
  const id = `champ-${inputCount}`;
  const wrapper = element('div', null, 'champ');
  const labelNode = element('label', label);
  labelNode.htmlFor = id;
  const input = element(multiline ? 'textarea' : 'input');
  input.id = id;
  input.dataset.path = path;
  input.value = value ?? '';
  wrapper.append(labelNode, input);
  form.appendChild(wrapper);
  return input;
}

async function refresh(item) {
  const flux = await api(`/api/v1/fluxes/${item.dataset.fluxId}`);
  render(item, flux);
  return flux;
}

/** Runs an action through the API; the item is read again, an error is shown in the item. */
async function act(item, message, action) {
  const status = item.querySelector('.message-action');
  status.classList.remove('erreur');
  status.textContent = 'Envoi…';
  try {
    await action();
    await refresh(item);
    const after = item.querySelector('.message-action');
    after.textContent = message;
    after.focus();
  } catch (error) {
    status.textContent = `Refusé par la plateforme : ${error.message}`
      + `${error.body?.violations?.length ? ` (${error.body.violations.map((v) => `${v.path} : ${v.message}`).join(' ; ')})` : ''}`;
    status.classList.add('erreur');
    status.focus();
  }
}

/** An action that needs a second click: the first shows a confirmation button. */
function confirmed(item, actions, label, question, message, action) {
  const confirm = element('div', null, 'confirmation');
  confirm.hidden = true;
  const text = element('p', question);
  const yes = button(`Confirmer : ${label.toLowerCase()}`, () => act(item, message, action), 'danger');
  const no = button('Annuler', () => {
    confirm.hidden = true;
    first.focus();
  });
  confirm.append(text, yes, no);
  const first = button(label, () => {
    confirm.hidden = false;
    yes.focus();
  });
  actions.append(first, confirm);
}

function rejectForm(item) {
  const form = element('form', null, 'formulaire refus');
  form.noValidate = true;
  const reason = field(form, 'Motif du refus (communiqué au partenaire)', '/reason', '', { multiline: true });
  reason.required = true;
  const general = element('p', null, 'message-formulaire');
  general.tabIndex = -1;
  const send = element('button', 'Refuser la demande', 'danger');
  send.type = 'submit';
  form.append(send, general);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearViolations(form);
    if (!reason.value.trim()) {
      showViolations(form, new ApiError(400, { violations: [{ path: '/reason', message: 'Indiquez le motif du refus.' }] }),
        general);
      return;
    }
    act(item, 'Demande refusée.', () => api(`/api/v1/fluxes/${item.dataset.fluxId}/reject`, {
      method: 'POST', body: { reason: reason.value.trim() },
    }));
  });
  return form;
}

function editForm(item, flux) {
  const form = element('form', null, 'formulaire modification');
  form.noValidate = true;
  form.appendChild(element('h3', 'Modifier la demande'));
  const inputs = {
    structure: field(form, 'Structure', '/structure', flux.structure),
    name: field(form, 'Contact : nom', '/contact/name', flux.contact?.name),
    email: field(form, 'Contact : courriel', '/contact/email', flux.contact?.email),
    phone: field(form, 'Contact : téléphone', '/contact/phone', flux.contact?.phone),
    periodicity: field(form, 'Périodicité (durée ISO 8601, ex. P1M)', '/periodicity', flux.periodicity),
    formats: field(form, 'Formats (séparés par des virgules)', '/formats', (flux.formats ?? []).join(', ')),
    territory: field(form, 'Territoire décrit en mots', '/territory', flux.territory?.description, { multiline: true }),
  };
  const general = element('p', null, 'message-formulaire');
  general.tabIndex = -1;
  const send = element('button', 'Enregistrer les modifications');
  send.type = 'submit';
  form.append(send, general);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearViolations(form);
    general.classList.remove('erreur');
    const contact = { name: inputs.name.value.trim(), email: inputs.email.value.trim() };
    if (inputs.phone.value.trim()) {
      contact.phone = inputs.phone.value.trim();
    }
    const body = {
      structure: inputs.structure.value.trim(),
      contact,
      periodicity: inputs.periodicity.value.trim(),
      formats: inputs.formats.value.split(',').map((f) => f.trim()).filter(Boolean),
    };
    const description = inputs.territory.value.trim();
    if (describedOnly(flux.territory) && description !== flux.territory.description) {
      body.territory = { description };
    }
    general.textContent = 'Envoi…';
    try {
      await api(`/api/v1/fluxes/${item.dataset.fluxId}`, { method: 'PATCH', body });
      await refresh(item);
      const after = item.querySelector('.message-action');
      after.textContent = 'Demande modifiée.';
      after.focus();
    } catch (error) {
      showViolations(form, error, general);
    }
  });
  return form;
}

async function showEstimate(item, flux) {
  const target = item.querySelector('.estimation');
  if (describedOnly(flux.territory)) {
    target.textContent = 'Pas d’estimation : le territoire n’a pas encore de contour.';
    return;
  }
  target.textContent = 'Calcul…';
  try {
    target.textContent = estimateText(await api(`/api/v1/fluxes/${flux.id}/estimate`));
  } catch (error) {
    target.textContent = `Estimation impossible : ${error.message}`;
    target.classList.add('erreur');
  }
}

/** The territory's shape as GeoJSON (WGS84), or null when it has none (areas or a description). */
function territoryGeometry(territory) {
  if (territory?.geometry) {
    return territory.geometry;
  }
  return territory?.wkt ? GEOJSON_FORMAT.writeGeometryObject(WKT_FORMAT.readGeometry(territory.wkt)) : null;
}

/** A closed section whose content is built the first time it is opened (a map needs its size). */
function lazyDetails(className, title, build) {
  const details = element('details', null, className);
  details.appendChild(element('summary', title));
  let built = false;
  details.addEventListener('toggle', () => {
    if (details.open && !built) {
      built = true;
      build(details);
    }
  });
  return details;
}

function territoryMap(flux) {
  const geometry = territoryGeometry(flux.territory);
  if (!geometry) {
    return null;
  }
  return lazyDetails('carte-territoire', 'Voir le territoire sur la carte', (details) => {
    const target = element('div', null, 'carte');
    details.appendChild(target);
    createMap(target, { label: `Territoire de la demande ${fluxTitle(flux)}` }).showGeometry(geometry);
  });
}

/** The shape of a territory described in words: drawn, uploaded or picked, then sent as a PATCH. */
function attachShape(item, flux) {
  return lazyDetails('joindre-territoire', 'Joindre le contour du territoire', (details) => {
    const target = element('div', null, 'carte');
    const inputs = element('div');
    const send = element('button', 'Joindre ce territoire');
    send.type = 'button';
    const message = element('p', null, 'message-formulaire');
    message.tabIndex = -1;
    message.setAttribute('role', 'status');
    details.append(target, inputs, send, message);
    const map = createMap(target, { label: `Contour à joindre à la demande ${fluxTitle(flux)}` });
    const territory = createTerritoryInput(inputs, { map });
    send.addEventListener('click', async () => {
      message.classList.remove('erreur');
      territory.showErrors([]);
      const value = territory.value();
      if (!value.geometry && !value.areas) {
        message.textContent = 'Dessinez, téléversez ou choisissez d’abord le territoire.';
        message.classList.add('erreur');
        message.focus();
        return;
      }
      message.textContent = 'Envoi…';
      try {
        await api(`/api/v1/fluxes/${flux.id}`, { method: 'PATCH', body: { territory: value } });
        await refresh(item);
        const after = item.querySelector('.message-action');
        after.textContent = 'Contour joint : la demande peut être approuvée.';
        after.focus();
      } catch (error) {
        const shown = territory.showErrors(error.body?.violations ?? []);
        const rest = (error.body?.violations ?? []).filter((v) => !shown.includes(v));
        message.textContent = `Refusé par la plateforme : ${rest.length > 0
          ? rest.map((v) => `${v.path} : ${v.message}`).join(' ; ') : error.message}`;
        message.classList.add('erreur');
        message.focus();
      }
    });
  });
}

function render(item, flux) {
  item.replaceChildren();
  item.dataset.status = flux.status;
  const heading = element('h2', fluxTitle(flux));
  heading.id = `titre-${flux.id}`;
  item.setAttribute('aria-labelledby', heading.id);
  const status = element('p', `Statut : ${FLUX_STATUS[flux.status] ?? flux.status}`,
    `statut statut-${flux.status.toLowerCase()}`);
  item.append(heading, status);
  if (flux.statusReason) {
    item.appendChild(element('p', `Motif : ${flux.statusReason}`, 'motif'));
  }
  const details = describeFlux(flux, partners.get(flux.partnerId), filterNamesRead);
  definition(details, 'Estimation par niveau', '').className = 'estimation';
  item.appendChild(details);
  const map = territoryMap(flux);
  if (map) {
    item.appendChild(map);
  }
  if (describedOnly(flux.territory)) {
    item.appendChild(element('p', 'Territoire décrit en mots : la demande attend son contour avant de pouvoir être '
      + 'approuvée (joindre des zones ou un contour).', 'attente'));
    if (flux.status === 'REQUESTED') {
      item.appendChild(attachShape(item, flux));
    }
  }
  const actions = element('div', null, 'actions');
  const id = flux.id;
  if (flux.status === 'REQUESTED') {
    actions.appendChild(button('Approuver', () => act(item, 'Demande approuvée.',
      () => api(`/api/v1/fluxes/${id}/approve`, { method: 'POST' }))));
  }
  if (flux.status === 'ACTIVE') {
    confirmed(item, actions, 'Suspendre', 'Suspendre ce flux ? Ses exécutions s’arrêtent jusqu’à la reprise.',
      'Flux suspendu.', () => api(`/api/v1/fluxes/${id}/suspend`, { method: 'POST' }));
  }
  if (flux.status === 'SUSPENDED') {
    actions.appendChild(button('Reprendre', () => act(item, 'Flux repris.',
      () => api(`/api/v1/fluxes/${id}/resume`, { method: 'POST' }))));
  }
  if (flux.status !== 'REVOKED' && flux.status !== 'REJECTED') {
    confirmed(item, actions, 'Révoquer', 'Révoquer ce flux ? C’est définitif : ses fichiers ne sont plus servis.',
      'Flux révoqué.', () => api(`/api/v1/fluxes/${id}`, { method: 'DELETE' }));
  }
  item.appendChild(actions);
  const message = element('p', null, 'message-action');
  message.tabIndex = -1;
  message.setAttribute('role', 'status');
  item.appendChild(message);
  if (flux.status === 'REQUESTED') {
    item.appendChild(rejectForm(item));
  }
  if (flux.status !== 'REVOKED' && flux.status !== 'REJECTED') {
    const edit = element('details', null, 'edition');
    edit.appendChild(element('summary', 'Modifier'));
    edit.appendChild(editForm(item, flux));
    item.appendChild(edit);
  }
  showEstimate(item, flux);
}

async function loadPartners() {
  for (let page = 0; page < 20; page += 1) {
    const list = await api(`/api/v1/partners?size=500&page=${page}`);
    list.forEach((p) => partners.set(p.id, p.name));
    if (list.length < 500) {
      return;
    }
  }
}

async function show() {
  const status = document.getElementById('etat');
  const wanted = document.getElementById('statut');
  try {
    const me = await whoAmI();
    renderHeader(me);
    // the partners' names: an admin-only list, so a partner's session gets the API's 403 here
    await loadPartners();
    filterNamesRead = await filterNames().catch(() => undefined);
    const chosen = wanted.value;
    const order = chosen === 'REQUESTED' ? 'createdAt' : '-createdAt';
    const fluxes = await api(`/api/v1/fluxes?status=${chosen}&sort=${order}&size=${PAGE_SIZE}`);
    const list = document.getElementById('demandes');
    list.replaceChildren();
    for (const flux of fluxes) {
      const item = element('article', null, 'demande');
      item.dataset.fluxId = flux.id;
      list.appendChild(item);
      render(item, flux);
    }
    status.classList.remove('erreur');
    status.textContent = fluxes.length === 0 ? 'Aucun flux dans cet état.'
      : `${fluxes.length} flux${chosen === 'REQUESTED' ? ', le plus ancien en premier' : ''}.`;
    document.getElementById('filtre').hidden = false;
  } catch (error) {
    pageError(status, error, 'la file des demandes');
  }
  contentShown();
}

document.getElementById('filtre').addEventListener('submit', (event) => {
  event.preventDefault();
  show();
});
show();

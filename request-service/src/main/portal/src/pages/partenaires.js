// "Partenaires" (the platform's staff): the partners (register one: its first API token shown once;
// see one), each partner's tokens (issue, rotate: the new secret shown once; revoke, confirmed) and the
// people the platform knows acted for it. People themselves live at the identity provider.
import { api, whoAmI } from '../api.js';
import { renderHeader } from '../header.js';
import { frenchDate } from '../labels.js';
import { contactText } from '../flux-summary.js';
import { contentShown, definition, element, pageError } from '../staff.js';
import { clearViolations, showViolations } from '../violations.js';

const PAGE_SIZE = 100;

function button(text, onClick, className) {
  const b = element('button', text, className);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

/** A new secret, shown this once. */
function secret(container, token, what) {
  const box = element('div', null, 'secret');
  box.appendChild(element('p', `${what} Copiez-le maintenant : il ne sera plus jamais affiché (la plateforme n’en garde `
    + 'que l’empreinte).'));
  const value = element('p', token, 'jeton');
  value.dataset.jeton = 'nouveau';
  box.appendChild(value);
  container.prepend(box);
}

function tokenRow(partner, token, onChange) {
  const row = element('tr');
  row.dataset.tokenId = token.id;
  row.appendChild(element('td', token.id));
  row.appendChild(element('td', frenchDate(token.createdAt)));
  row.appendChild(element('td', token.revoked ? `Révoqué le ${frenchDate(token.revokedAt)}` : 'Valide'));
  const actions = element('td');
  if (!token.revoked) {
    actions.appendChild(button('Renouveler', () => onChange(async () => {
      const issued = await api(`/api/v1/partners/${partner.id}/tokens/${token.id}/rotate`, { method: 'POST' });
      return { token: issued.token, message: 'Nouveau jeton émis, l’ancien est révoqué.' };
    })));
    const confirm = element('span', null, 'confirmation');
    confirm.hidden = true;
    const yes = button('Confirmer la révocation', () => onChange(async () => {
      await api(`/api/v1/partners/${partner.id}/tokens/${token.id}`, { method: 'DELETE' });
      return { message: 'Jeton révoqué : la prochaine requête faite avec lui sera refusée.' };
    }), 'danger');
    confirm.append(yes, button('Annuler', () => { confirm.hidden = true; }));
    actions.append(button('Révoquer', () => { confirm.hidden = false; yes.focus(); }, 'danger'), confirm);
  }
  row.appendChild(actions);
  return row;
}

async function people(partner) {
  const known = new Map();
  const fluxes = await api(`/api/v1/fluxes?partnerId=${partner.id}&size=500`);
  for (const flux of fluxes) {
    const person = flux.termsAccepted?.person;
    if (person) {
      const when = flux.termsAccepted.acceptedAt;
      if (!known.has(person) || known.get(person) < when) {
        known.set(person, when);
      }
    }
  }
  return { known, fluxes: fluxes.length };
}

async function showPartner(id, shown) {
  const section = document.getElementById('detail');
  const content = document.getElementById('detail-contenu');
  const title = document.getElementById('detail-titre');
  const partner = await api(`/api/v1/partners/${id}`);
  section.hidden = false;
  section.dataset.partnerId = partner.id;
  title.textContent = partner.name;
  content.replaceChildren();
  const message = element('p', null, 'message-action');
  message.setAttribute('role', 'status');
  message.tabIndex = -1;
  content.appendChild(message);
  if (shown?.token) {
    secret(content, shown.token, 'Jeton d’API émis.');
  }
  if (shown?.message) {
    message.textContent = shown.message;
  }

  const summary = element('dl', null, 'resume');
  definition(summary, 'Identifiant', partner.id);
  definition(summary, 'Contact', contactText(partner.contact));
  definition(summary, 'Enregistré le', frenchDate(partner.createdAt));
  content.appendChild(summary);

  content.appendChild(element('h3', 'Personnes'));
  const { known, fluxes } = await people(partner);
  content.appendChild(element('p', 'Les comptes des personnes se gèrent chez le fournisseur d’identité de la plateforme '
    + `(Keycloak en local) : une personne agit pour ce partenaire quand son attribut partner_id vaut ${partner.id}. `
    + 'La plateforme ne connaît que les personnes qui ont agi pour lui : celles qui ont accepté les conditions '
    + `d’une demande (${fluxes} flux).`));
  if (known.size > 0) {
    const list = element('ul', null, 'personnes');
    for (const [person, when] of known) {
      list.appendChild(element('li', `${person} — conditions acceptées le ${frenchDate(when)}`));
    }
    content.appendChild(list);
  } else {
    content.appendChild(element('p', 'Aucune personne n’a encore agi pour ce partenaire depuis le portail.'));
  }

  content.appendChild(element('h3', 'Jetons d’API'));
  const change = async (action) => {
    message.classList.remove('erreur');
    try {
      const done = await action();
      await showPartner(id, done);
      document.querySelector('#detail .message-action').focus();
    } catch (error) {
      message.textContent = `Refusé par la plateforme : ${error.message}`;
      message.classList.add('erreur');
      message.focus();
    }
  };
  content.appendChild(button('Émettre un nouveau jeton', () => change(async () => {
    const issued = await api(`/api/v1/partners/${partner.id}/tokens`, { method: 'POST' });
    return { token: issued.token, message: 'Nouveau jeton émis ; les autres restent valides jusqu’à leur révocation.' };
  })));
  const table = element('table', null, 'jetons');
  const caption = element('caption', `Jetons de ${partner.name}`, 'invisible');
  const head = element('thead');
  const headRow = element('tr');
  for (const label of ['Jeton', 'Émis le', 'État', 'Actions']) {
    const th = element('th', label);
    th.scope = 'col';
    headRow.appendChild(th);
  }
  head.appendChild(headRow);
  const body = element('tbody');
  for (const token of partner.tokens ?? []) {
    body.appendChild(tokenRow(partner, token, change));
  }
  table.append(caption, head, body);
  content.appendChild(table);
}

async function listPartners() {
  const partners = await api(`/api/v1/partners?size=${PAGE_SIZE}`);
  const body = document.querySelector('#partenaires tbody');
  body.replaceChildren();
  for (const partner of partners) {
    const row = element('tr');
    row.dataset.partnerId = partner.id;
    row.appendChild(element('td', partner.name));
    row.appendChild(element('td', contactText(partner.contact)));
    row.appendChild(element('td', frenchDate(partner.createdAt)));
    const cell = element('td');
    const open = button('Voir', () => showPartner(partner.id).then(() => document.getElementById('detail-titre').focus())
      .catch((error) => pageError(document.getElementById('etat'), error, 'ce partenaire')));
    open.setAttribute('aria-label', `Voir ${partner.name}`);
    cell.appendChild(open);
    row.appendChild(cell);
    body.appendChild(row);
  }
  document.getElementById('partenaires').hidden = partners.length === 0;
  return partners;
}

function createForm() {
  const form = document.getElementById('nouveau-partenaire');
  const general = document.getElementById('creation-message');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearViolations(form);
    general.classList.remove('erreur');
    const value = (id) => document.getElementById(id).value.trim();
    const contact = { name: value('partenaire-contact-nom'), email: value('partenaire-contact-courriel') };
    if (value('partenaire-contact-telephone')) {
      contact.phone = value('partenaire-contact-telephone');
    }
    const body = { name: value('partenaire-nom') };
    if (contact.name || contact.email || contact.phone) {
      body.contact = contact;
    }
    general.textContent = 'Envoi…';
    try {
      const created = await api('/api/v1/partners', { method: 'POST', body });
      form.reset();
      general.textContent = `Partenaire « ${body.name} » enregistré.`;
      await listPartners();
      await showPartner(created.id, { token: created.token, message: 'Partenaire enregistré avec son premier jeton.' });
      document.getElementById('detail-titre').focus();
    } catch (error) {
      showViolations(form, error, general);
    }
  });
}

async function show() {
  const status = document.getElementById('etat');
  try {
    const me = await whoAmI();
    renderHeader(me);
    const partners = await listPartners();
    document.getElementById('creation').hidden = false;
    status.textContent = partners.length === 0 ? 'Aucun partenaire.'
      : `${partners.length} partenaire${partners.length > 1 ? 's' : ''}, par nom.`;
  } catch (error) {
    pageError(status, error, 'la liste des partenaires');
  }
  contentShown();
}

createForm();
show();

// "Mes jetons d'accès": the partner's API tokens (never their secrets), a new one shown once with a copy
// button, rotation and revocation after a confirmation. A person of the platform's staff has no partner:
// the page tells them that partners' tokens are managed from the staff pages.
import { api, whoAmI } from '../api.js';
import { renderHeader } from '../header.js';
import { frenchDate } from '../labels.js';

let partnerId = null;

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  return node;
}

/** Asks the person through the page's dialog; resolves true when they confirm. */
function confirmAction(title, text, action) {
  const dialog = document.getElementById('confirmation');
  document.getElementById('confirmation-titre').textContent = title;
  document.getElementById('confirmation-texte').textContent = text;
  document.getElementById('confirmation-oui').textContent = action;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'oui'), { once: true });
    dialog.returnValue = 'non';
    dialog.showModal();
    document.getElementById('confirmation-non').focus();
  });
}

function showNewToken(issued) {
  const section = document.getElementById('nouveau');
  document.getElementById('jeton-clair').value = issued.token;
  document.getElementById('copie-etat').textContent = '';
  section.dataset.tokenId = issued.id;
  section.hidden = false;
  section.focus();
}

function say(text, error = false) {
  const status = document.getElementById('etat');
  status.textContent = text;
  status.classList.toggle('erreur', error);
}

async function act(call, done) {
  try {
    const result = await call();
    await done(result);
  } catch (error) {
    say(`L’opération a échoué : ${error.message}`, true);
  }
}

function tokenRow(token) {
  const row = element('tr', null, { 'data-token-id': token.id });
  const short = token.id.slice(0, 8);
  row.appendChild(element('th', `Jeton ${short}`, { scope: 'row' }));
  row.appendChild(element('td', frenchDate(token.createdAt)));
  row.appendChild(element('td', token.revoked ? `Révoqué le ${frenchDate(token.revokedAt)}` : 'Actif'));
  const actions = element('td');
  if (!token.revoked) {
    const rotate = element('button', 'Remplacer', { type: 'button', class: 'remplacer', 'aria-label': `Remplacer le jeton ${short}` });
    rotate.addEventListener('click', async () => {
      if (await confirmAction('Remplacer ce jeton ?', `Un nouveau jeton sera créé et le jeton ${short} cessera de fonctionner `
        + 'immédiatement : mettez à jour vos programmes avec le nouveau.', 'Remplacer')) {
        await act(() => api(`/api/v1/partners/${partnerId}/tokens/${token.id}/rotate`, { method: 'POST' }), async (issued) => {
          const summary = await list();
          showNewToken(issued);
          say(`Jeton ${short} remplacé : le nouveau est affiché ci-dessus. ${summary}`);
        });
      }
    });
    const revoke = element('button', 'Révoquer', { type: 'button', class: 'revoquer', 'aria-label': `Révoquer le jeton ${short}` });
    revoke.addEventListener('click', async () => {
      if (await confirmAction('Révoquer ce jeton ?', `Le jeton ${short} cessera de fonctionner immédiatement ; les `
        + 'programmes qui l’utilisent ne pourront plus récupérer vos fichiers.', 'Révoquer')) {
        await act(() => api(`/api/v1/partners/${partnerId}/tokens/${token.id}`, { method: 'DELETE' }), async () => {
          say(`Jeton ${short} révoqué. ${await list()}`);
        });
      }
    });
    actions.append(rotate, ' ', revoke);
  }
  row.appendChild(actions);
  return row;
}

async function list() {
  const tokens = await api(`/api/v1/partners/${partnerId}/tokens`);
  document.querySelector('#jetons tbody').replaceChildren(...tokens.map(tokenRow));
  const active = tokens.filter((t) => !t.revoked).length;
  const revoked = tokens.length - active;
  return `${active} jeton${active > 1 ? 's' : ''} actif${active > 1 ? 's' : ''}, ${revoked} révoqué${revoked > 1 ? 's' : ''}.`;
}

async function show() {
  try {
    const me = await whoAmI();
    renderHeader(me);
    if (me.admin || !me.partnerId) {
      say('Cette page sert aux partenaires : l’équipe de la plateforme gère les jetons des partenaires depuis les pages '
        + 'des partenaires.');
      return;
    }
    partnerId = me.partnerId;
    document.getElementById('creer').addEventListener('click', () => act(
      () => api(`/api/v1/partners/${partnerId}/tokens`, { method: 'POST' }),
      async (issued) => {
        const summary = await list();
        showNewToken(issued);
        say(`Nouveau jeton créé. ${summary}`);
      },
    ));
    document.getElementById('copier').addEventListener('click', async () => {
      const input = document.getElementById('jeton-clair');
      input.select();
      const status = document.getElementById('copie-etat');
      try {
        await navigator.clipboard.writeText(input.value);
        status.textContent = 'Jeton copié.';
      } catch {
        status.textContent = 'Copie impossible ici : le jeton est sélectionné, copiez-le avec Ctrl+C.';
      }
    });
    say(await list());
    document.getElementById('contenu').hidden = false;
    document.querySelector('main').dataset.ready = 'true';
    performance.mark('naturaflux-ready');
  } catch (error) {
    say(error.status === 403
      ? `Impossible d’afficher vos jetons : votre compte n’est rattaché à aucun partenaire. (${error.message})`
      : `Impossible d’afficher vos jetons : ${error.message}`, true);
  }
}

show();

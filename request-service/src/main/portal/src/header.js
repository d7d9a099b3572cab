// The header every page shares: who is logged in, the portal's navigation (what the person's role may
// open), and the logout button.

/**
 * The portal's pages: [file, label, who sees the link]. A page absent from this list is still served,
 * it is just not in the navigation (e.g. a flux's own page, opened from a list).
 */
const NAV = [
  ['index.html', (me) => (me.admin ? 'Tous les flux' : 'Mes flux'), () => true],
  ['demande.html', 'Demander un flux', (me) => !me.admin],
  ['jetons.html', 'Mes jetons d’accès', (me) => !me.admin],
  ['demandes.html', 'Demandes à examiner', (me) => me.admin],
  ['partenaires.html', 'Partenaires', (me) => me.admin],
  ['executions.html', 'Exécutions', (me) => me.admin],
];

function renderNav(me) {
  const nav = document.getElementById('navigation');
  if (!nav) {
    return;
  }
  const list = document.createElement('ul');
  const here = window.location.pathname.split('/').pop() || 'index.html';
  for (const [file, label, visible] of NAV) {
    if (!visible(me)) {
      continue;
    }
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = file;
    link.textContent = typeof label === 'function' ? label(me) : label;
    if (file === here) {
      link.setAttribute('aria-current', 'page');
    }
    item.appendChild(link);
    list.appendChild(item);
  }
  nav.replaceChildren(list);
}

export function renderHeader(me) {
  const who = document.getElementById('qui');
  const role = me.admin ? 'administration de la plateforme' : me.partnerName ?? 'partenaire';
  who.textContent = `${me.name ?? me.username ?? ''} — ${role}`;
  document.getElementById('deconnexion').hidden = false;
  renderNav(me);
}

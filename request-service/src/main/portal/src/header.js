// The header every page shares: who is logged in, and the logout button.

export function renderHeader(me) {
  const who = document.getElementById('qui');
  const role = me.admin ? 'administration de la plateforme' : me.partnerName ?? 'partenaire';
  who.textContent = `${me.name ?? me.username ?? ''} — ${role}`;
  document.getElementById('deconnexion').hidden = false;
}

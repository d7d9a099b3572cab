// What the staff's pages share: the refusal shown to a person who is not the platform's staff (the
// API's 403), small DOM helpers and the load-time mark the browser tests read.
import { ApiError } from './api.js';

/** An element with its text and class. */
export function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

/** A term and its description in a list of definitions. */
export function definition(list, term, description) {
  list.appendChild(element('dt', term));
  const dd = element('dd');
  if (description instanceof Node) {
    dd.appendChild(description);
  } else {
    dd.textContent = description === undefined || description === null || description === '' ? '—' : String(description);
  }
  list.appendChild(dd);
  return dd;
}

/** The message of an error that stopped a whole page: a 403 says the page is the staff's. */
export function pageError(status, error, what) {
  status.textContent = error instanceof ApiError && error.status === 403
    ? `Accès refusé : ${what} est réservé à l’équipe de la plateforme (rôle naturaflux-admin). `
      + `La plateforme a répondu : ${error.message}`
    : `Impossible d’afficher ${what} : ${error.message}`;
  status.classList.add('erreur');
}

/** Marks the moment the page's content is shown (performance mark "contenu-affiche", read by the tests). */
export function contentShown() {
  performance.mark('contenu-affiche');
  document.body.dataset.pret = 'oui';
}

// The API's 400 answers shown next to the inputs they concern: every input of a form carries the JSON
// path it fills (data-path, e.g. "/contact/email"); a violation whose path names no input is shown in the
// form's general message. Used by every form of the portal that sends a body the API validates.

function messageFor(input) {
  const id = `${input.id}-erreur`;
  let message = document.getElementById(id);
  if (!message) {
    message = document.createElement('p');
    message.id = id;
    message.className = 'erreur message-champ';
    input.insertAdjacentElement('afterend', message);
  }
  return message;
}

/** Removes the messages of an earlier answer. */
export function clearViolations(form) {
  for (const input of form.querySelectorAll('[data-path]')) {
    input.removeAttribute('aria-invalid');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ')
      .filter((id) => id && id !== `${input.id}-erreur`);
    if (described.length > 0) {
      input.setAttribute('aria-describedby', described.join(' '));
    } else {
      input.removeAttribute('aria-describedby');
    }
    document.getElementById(`${input.id}-erreur`)?.remove();
  }
}

/**
 * Shows an API error in a form: each violation next to the input whose data-path is its path or the
 * closest parent path; the rest (and an error without violations) in {@code general}. The first input
 * in error takes the focus.
 */
export function showViolations(form, error, general) {
  clearViolations(form);
  const inputs = [...form.querySelectorAll('[data-path]')];
  const rest = [];
  let first = null;
  for (const violation of error.body?.violations ?? []) {
    const path = violation.path ?? '';
    const input = inputs.find((i) => path === i.dataset.path || path.startsWith(`${i.dataset.path}/`));
    if (!input) {
      rest.push(`${path} : ${violation.message}`);
      continue;
    }
    const message = messageFor(input);
    message.textContent = message.textContent ? `${message.textContent} ; ${violation.message}` : violation.message;
    input.setAttribute('aria-invalid', 'true');
    const described = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    described.add(message.id);
    input.setAttribute('aria-describedby', [...described].join(' '));
    first = first ?? input;
  }
  if (rest.length > 0 || !error.body?.violations?.length) {
    general.textContent = `Refusé par la plateforme : ${rest.length > 0 ? rest.join(' ; ') : error.message}`;
    general.classList.add('erreur');
  } else {
    general.textContent = 'Refusé par la plateforme : corrigez les champs signalés.';
    general.classList.add('erreur');
  }
  (first ?? general).focus?.();
}

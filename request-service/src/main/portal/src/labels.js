// French labels of the API's values.

export const FLUX_STATUS = {
  REQUESTED: 'Demandé, en attente de validation',
  ACTIVE: 'Actif',
  SUSPENDED: 'Suspendu',
  REJECTED: 'Refusé',
  REVOKED: 'Révoqué',
};

export const RUN_STATUS = {
  QUEUED: 'En file d’attente',
  RUNNING: 'En cours',
  SUCCEEDED: 'Réussie',
  FAILED: 'Échouée',
  FILE_ERASED: 'Fichiers effacés',
};

const DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });

export function frenchDate(iso) {
  return iso ? DATE.format(new Date(iso)) : '';
}

// Rightsflow: Cockpit for someone who may look but not change (the auditors, and staff without UPDATE grants).
//
// Camunda 7 CE's Cockpit shows its buttons that change things (suspend, cancel, add or edit a variable, retry,
// delete a deployment or a batch...) to everyone; the engine then refuses a user without the permission with a raw
// authorization message. This script asks the engine, as the signed-in user, whether they may change process
// instances at all, and marks the page read-only if not; user-styles.css then hides those buttons. The engine's own
// authorization checks stay what protects the data: this only spares a read-only user the dead ends.
// (Loaded as one of config.js's customScripts, an ES module that registers no plugin.)

const base = document.querySelector('base');
const engineApi = (base && base.getAttribute('engine-api')) || '/camunda/api/engine/';

/** true when the engine says the user holds the permission on every resource of the type (a global grant). */
async function granted(permission, resourceName, resourceType) {
  const answer = await fetch(engineApi + 'engine/default/authorization/check?permissionName=' + permission
      + '&resourceName=' + resourceName + '&resourceType=' + resourceType,
      { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!answer.ok) {
    return null; // not signed in (yet): nothing to decide
  }
  return (await answer.json()).authorized === true;
}

async function markReadOnly() {
  try {
    const [instances, definitions] = await Promise.all([
      granted('UPDATE', 'ProcessInstance', 8),
      granted('UPDATE_INSTANCE', 'ProcessDefinition', 6)
    ]);
    if (instances === null || definitions === null) {
      document.documentElement.classList.remove('rf-read-only');
      return;
    }
    document.documentElement.classList.toggle('rf-read-only', !instances && !definitions);
  } catch (e) {
    // a network hiccup leaves the page as Camunda draws it; the engine still refuses what is not allowed
  }
}

markReadOnly();
// Cockpit signs in and out without reloading the page: each view change asks again.
window.addEventListener('hashchange', markReadOnly);

export default [];

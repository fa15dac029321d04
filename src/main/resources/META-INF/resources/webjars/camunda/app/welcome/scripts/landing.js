// Once a staff member has signed in here, the Welcome dashboard sends them on to /camunda, where the server
// (org.rightsflow.web.staff.WebappLanding) opens the app their authorizations allow: Tasklist for the task groups,
// Cockpit for auditors and administrators. Someone allowed no app but this one stays on the Welcome page.
// A plugin of the dashboard, so it runs only for a signed-in user on the dashboard, never on the profile pages.
const appRoot = document.querySelector('base').getAttribute('app-root');

export default {
  id: 'rightsflow-landing',
  pluginPoint: 'welcome.dashboard',
  priority: 1000,
  render: (node, {api}) => {
    fetch(`${api.adminApi}/auth/user/${api.engine}`, {
      credentials: 'same-origin',
      headers: {Accept: 'application/json'}
    })
      .then(response => (response.ok ? response.json() : {authorizedApps: []}))
      .then(user => {
        const apps = (user.authorizedApps || []).filter(app => app !== 'welcome');
        if (apps.length > 0) {
          window.location.replace(`${appRoot}/`);
        }
      });
  }
};

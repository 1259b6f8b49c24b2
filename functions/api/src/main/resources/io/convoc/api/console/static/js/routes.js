// Every page of the console: its address, who may open it, its place in the navigation (a message key), and the
// function that renders it into <main>.
import * as registrations from './pages/registrations.js';

export const routes = [
  {path: '/registrations', roles: ['organizer', 'protocol'], nav: 'console.nav.registrations', render: registrations.list},
  {path: '/registrations/:id', roles: ['organizer', 'protocol'], render: registrations.one},
  {path: '/import', roles: ['organizer'], nav: 'console.nav.import', render: registrations.importPage},
];

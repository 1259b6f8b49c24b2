// Every page of the console: its address, who may open it, its place in the navigation (a message key), and the
// function that renders it into <main>.
import * as registrations from './pages/registrations.js';
import * as letters from './pages/letters.js';
import * as programme from './pages/programme.js';
import * as announcements from './pages/announcements.js';

export const routes = [
  {path: '/registrations', roles: ['organizer', 'protocol'], nav: 'console.nav.registrations', render: registrations.list},
  {path: '/registrations/:id', roles: ['organizer', 'protocol'], render: registrations.one},
  {path: '/import', roles: ['organizer'], nav: 'console.nav.import', render: registrations.importPage},
  {path: '/letters', roles: ['organizer', 'protocol'], nav: 'console.nav.letters', render: letters.list},
  {path: '/letters/downloads', roles: ['organizer'], nav: 'console.letters.nav.downloads', render: letters.downloads},
  {path: '/letters/:id', roles: ['organizer', 'protocol'], render: letters.one},
  {path: '/announcements', roles: ['organizer'], nav: 'console.nav.announcements', render: announcements.list},
  {path: '/announcements/new', roles: ['organizer'], render: announcements.compose},
  {path: '/announcements/:id', roles: ['organizer'], render: announcements.one},
  {path: '/programme', roles: ['organizer', 'protocol'], nav: 'console.nav.programme', render: programme.list},
  {path: '/programme/:id', roles: ['organizer'], render: programme.edit},
  {path: '/invitation-codes', roles: ['organizer'], nav: 'console.nav.codes', render: programme.invitationCodes},
];

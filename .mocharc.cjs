// Mocha runs the TypeScript tests through tsx; the suites talk to real
// SQLite files and, where one answers, a real PostgreSQL server.
module.exports = {
  'node-option': ['import=tsx'],
  timeout: 30000,
  reporter: 'spec',
  exit: true,
};

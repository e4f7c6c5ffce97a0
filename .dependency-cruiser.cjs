// The layer rules of shared/DESIGN.md as an allow-list: a production file may import only what
// a rule below lists for its layer; anything else fails `npm run lint` (`npm run lint:layers`).
// Same-layer imports, npm packages and Node built-ins are always allowed (ESLint keeps Node and
// native modules out of the pure layers). Tests (`*.test.ts`, test/, scripts/) are not cruised:
// they may reach across layers to set things up (but production never imports them). test/layers/layers.test.ts proves the rules
// reject a back-edge.

/** The layered folders; everything else (node_modules, node:*) is outside the layers. */
const LAYERED = '^(src-main|drivers|src-renderer|shared)/';

const allowed = [
  {
    comment: 'Same layer: a folder of src-main/ or drivers/, the renderer, shared/.',
    from: { path: '^(src-main/hosts/[^/]+|src-main/[^/]+|drivers/[^/]+|src-renderer|shared)/' },
    to: { path: '^$1/' },
  },
  {
    comment: 'npm packages and Node built-ins (ESLint restricts them per layer).',
    from: {},
    to: { pathNot: LAYERED },
  },
  {
    comment:
      'shared/: tiny pure helpers every layer may use (backoff), so drivers need not import src-main.',
    from: { path: LAYERED },
    to: { path: '^shared/' },
  },
  {
    comment: 'The renderer reaches main only through the contract and the pure domain rules.',
    from: { path: '^src-renderer/' },
    to: { path: '^src-main/(api|domain)/' },
  },
  {
    comment: 'The contract is built on the domain types.',
    from: { path: '^src-main/api/' },
    to: { path: '^src-main/domain/' },
  },
  {
    comment: 'Hosts wire the services to a transport (IPC or HTTP) and share code between them.',
    from: { path: '^src-main/hosts/' },
    to: { path: '^src-main/(hosts/shared|services|api|domain)/' },
  },
  {
    comment:
      'Hosts start the processes the services run on: the driver host child and the store key.',
    from: { path: '^src-main/hosts/' },
    to: { path: '^(drivers/device-manager/host-supervisor|src-main/store/key-file)\\.ts$' },
  },
  {
    comment: 'Services implement the contract on top of every lower layer.',
    from: { path: '^src-main/services/' },
    to: { path: '^(src-main/(api|domain|store|imaging|packets|sync)|drivers/[^/]+)/' },
  },
  {
    comment: 'store, imaging and packets build on the domain only.',
    from: { path: '^src-main/(store|imaging|packets)/' },
    to: { path: '^src-main/domain/' },
  },
  {
    comment: 'The sync runner moves sealed packets from the store to the centre.',
    from: { path: '^src-main/sync/' },
    to: { path: '^src-main/(store|packets|domain)/' },
  },
  {
    comment: 'A device driver stands on the transports.',
    from: { path: '^drivers/(fingerprint|signature-pad|printer)/' },
    to: { path: '^drivers/transport/' },
  },
  {
    comment: 'The device manager finds, probes and hosts the device drivers.',
    from: { path: '^drivers/device-manager/' },
    to: { path: '^drivers/(fingerprint|signature-pad|printer|transport)/' },
  },
];

const forbidden = [
  {
    name: 'electron-only-in-host',
    comment: "Only src-main/hosts/electron imports 'electron' (tests cannot load it here).",
    severity: 'error',
    from: { pathNot: '^src-main/hosts/electron/' },
    to: { path: '^node_modules/electron/' },
  },
  {
    name: 'components-below-screens',
    comment: 'Shared components are used by screens, never the other way round.',
    severity: 'error',
    from: { path: '^src-renderer/components/' },
    to: { path: '^src-renderer/screens/' },
  },
  {
    name: 'screens-keep-to-their-role',
    comment:
      'A role folder of src-renderer/screens/ (operator, supervisor, technician, …) imports only itself and screens/shared/; shared/ imports no role. What two roles use goes to components/ or app/.',
    severity: 'error',
    from: { path: '^src-renderer/screens/([^/]+)/' },
    to: { path: '^src-renderer/screens/[^/]+/', pathNot: '^src-renderer/screens/($1|shared)/' },
  },
  {
    name: 'contract-parts-below-contract',
    comment:
      'contract.ts joins the contract parts and handlers.ts builds on it: a part (contract-<area>.ts) or a building block (schema, reply) importing them would close a cycle. Shared pieces go to schema.ts or domain/.',
    severity: 'error',
    from: { path: '^src-main/api/(contract-[^/]+|schema|reply)\\.ts$' },
    to: { path: '^src-main/api/(contract|handlers)\\.ts$' },
  },
  {
    name: 'no-test-helpers-in-production',
    comment: 'Test helpers live under test/ and are never imported by production code.',
    severity: 'error',
    from: {},
    to: { path: '^test/' },
  },
  {
    name: 'no-cycles',
    comment: 'Import cycles hide which module is the lower layer.',
    severity: 'error',
    from: {},
    to: { circular: true },
  },
  {
    name: 'not-to-unresolvable',
    severity: 'error',
    from: {},
    to: { couldNotResolve: true },
  },
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  allowed,
  allowedSeverity: 'error',
  forbidden,
  options: {
    // test/ and scripts/ show up only as targets, so `no-test-helpers-in-production` can see them.
    doNotFollow: { path: '(node_modules|^test/|^scripts/)' },
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

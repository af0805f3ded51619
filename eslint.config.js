import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The floors of src/ (see CONTRIBUTING.md): data flows one way, and a lower floor imports nothing
 * of a higher one; map, share and worker import nothing of each other. Each entry: the folder, and
 * the folders it may not import from.
 */
const FLOORS = {
  domain: ['coverage', 'network', 'io', 'optimize', 'map', 'share', 'worker', 'ui', 'embed'],
  coverage: ['network', 'io', 'optimize', 'map', 'share', 'worker', 'ui', 'embed'],
  network: ['io', 'optimize', 'map', 'share', 'worker', 'ui', 'embed'],
  io: ['coverage', 'network', 'optimize', 'map', 'share', 'worker', 'ui', 'embed'],
  optimize: ['io', 'map', 'share', 'worker', 'ui', 'embed'],
  map: ['share', 'worker', 'ui', 'embed'],
  share: ['map', 'worker', 'ui', 'embed'],
  worker: ['map', 'share', 'ui', 'embed'],
  ui: ['embed'],
};
/** Relative import paths into `folder` from a file one or two folders below src/. */
const into = (folder) => [`../${folder}`, `../${folder}/*`, `../../${folder}`, `../../${folder}/*`];
const floorRules = Object.entries(FLOORS).map(([folder, banned]) => ({
  files: [`src/${folder}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: banned.flatMap(into), message: `src/${folder} may not import from ${banned.join(', ')}: move what both need down (to src/domain, types included).` }] },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'test-results/', 'public/', 'geodata/source/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...floorRules,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
);

// Lint rules the suite enforces (`npm test` runs `eslint .`): typescript-eslint's recommended
// type-aware set catches floating promises and misused async handlers, which matter in a
// desk that must never crash; react-hooks keeps the screens' hooks honest.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'coverage/', 'vitest.config.ts']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx}'],
		languageOptions: {parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname}},
		plugins: {'react-hooks': reactHooks},
		rules: {
			// The classic two: the React Compiler rules of react-hooks 7 (refs, purity, ...) assume
			// the compiler, which the desk does not use.
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
			// Terminal code matches escape sequences on purpose.
			'no-control-regex': 'off',
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', {checksVoidReturn: {attributes: false}}],
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
		},
	},
	{
		files: ['**/*.{js,mjs}'],
		languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly'}},
	},
);

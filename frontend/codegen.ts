import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for every operation in src/ from the schema the server serves (schema.graphql, committed and
// checked against the running server by GraphQLSchemaFileTest). Run `npm run codegen` after changing
// an operation or the schema; the generated files under src/gql/ are committed.
const config: CodegenConfig = {
  schema: ['schema.graphql', 'scalars.graphql'],
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          DateTime: 'string',
          BigDecimal: 'number',
          BigInteger: 'number',
        },
      },
    },
  },
};
export default config;

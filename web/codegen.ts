import type { CodegenConfig } from "@graphql-codegen/cli";

// Every GraphQL document in web/src is typed against the committed SDL.
// Run from the repository root: npm run web:codegen
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["web/src/**/*.{ts,tsx}", "!web/src/gql/**/*"],
  ignoreNoDocuments: true,
  generates: {
    "web/src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Datetime: "string", BigInt: "string", Cursor: "string" },
      },
    },
  },
};
export default config;

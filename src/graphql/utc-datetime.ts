// One way to write a moment in every answer: ISO 8601 in UTC with "Z", as REST
// writes it ("2027-04-01T19:00:00.000Z"). PostGraphile's Datetime passes
// PostgreSQL's text on ("…19:00:00.000000+00:00"), and the live subscription
// messages already carry "Z": this makes queries and mutations agree.
export const UtcDatetimePlugin: GraphileConfig.Plugin = {
  name: "UtcDatetimePlugin",
  version: "1.0.0",
  schema: {
    hooks: {
      GraphQLScalarType(config) {
        if (config.name !== "Datetime") return config;
        const serialize = config.serialize ?? ((value: unknown) => value);
        return {
          ...config,
          serialize(value: unknown) {
            const text = serialize(value);
            return typeof text === "string" ? new Date(text).toISOString() : text;
          },
        };
      },
    },
  },
};

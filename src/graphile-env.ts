// Imported first by the entry points: grafast reads GRAPHILE_ENV when it loads.
// Development gets its extra checks and readable errors; production, speed.
process.env.GRAPHILE_ENV ??= process.env.NODE_ENV === "production" ? "production" : "development";

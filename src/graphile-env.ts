// Imported first by the entry points: grafast reads GRAPHILE_ENV when it loads.
// Development gets its extra checks and readable errors; production, speed.
import { applyPreparedStatementSetting } from "./db/poolers.ts";

process.env.GRAPHILE_ENV ??= process.env.NODE_ENV === "production" ? "production" : "development";
// Behind a transaction pooler PostGraphile must not name its statements; it reads this once, at load.
applyPreparedStatementSetting();

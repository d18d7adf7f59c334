// The defined-name contract moved to src/core/names.ts (review and layout may import only core).
export * from "../core/names";

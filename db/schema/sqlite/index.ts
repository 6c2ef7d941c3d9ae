export * from "./identity";
export * from "./access";
export * from "./incidents";
export * from "./reviews";
export * from "./audit";
export * from "./jobs";
export * from "./lifecycle";

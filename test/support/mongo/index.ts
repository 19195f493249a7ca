export { type MongoServerOptions, type RunningMongoServer, startMongoServer } from "./server.ts";
export { startTestMongo, type TestMongo } from "./test-mongo.ts";

export { startMongoServer, type MongoServerOptions, type RunningMongoServer } from "./server.ts";
export { startTestMongo, type TestMongo } from "./test-mongo.ts";

import { type Connection, Schema } from "mongoose";

/** A job every process may run but only one should (the scheduled role sync): when it is next due. */
const scheduleSchema = new Schema(
  {
    _id: { type: String, required: true },
    nextRunAt: { type: Date, required: true },
    lastRunBy: { type: String, default: null },
  },
  { collection: "schedules", versionKey: false },
);

export const defineScheduleModel = (connection: Connection) => connection.model("Schedule", scheduleSchema);

export type ScheduleModel = ReturnType<typeof defineScheduleModel>;

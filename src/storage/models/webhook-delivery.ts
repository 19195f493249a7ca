import { type Connection, Schema } from "mongoose";

/** One record per GitHub webhook delivery id seen, so a replayed delivery changes nothing. */
const webhookDeliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, expires: 0 },
  },
  { collection: "webhook_deliveries", versionKey: false },
);

export const defineWebhookDeliveryModel = (connection: Connection) =>
  connection.model("WebhookDelivery", webhookDeliverySchema);

export type WebhookDeliveryModel = ReturnType<typeof defineWebhookDeliveryModel>;

// An order read from an All Orders report. Its id and date are decoded only when asked for:
// the checks read them for a handful of orders, and a large report has a million.

import type { Order, OrderStatus } from '../../core/seller-data.js';

export class ReportOrder implements Order {
  private id: string | null = null;

  constructor(
    private readonly bytes: Buffer,
    private readonly idStart: number,
    private readonly idEnd: number,
    readonly status: OrderStatus,
    readonly purchaseTime: number,
    /** The date's text where it had to be rewritten; otherwise it is read from the bytes. */
    private dateText: string | null,
    private readonly dateStart: number,
    private readonly dateEnd: number,
    readonly marketplaceId: string | null,
    readonly fulfilment: 'AFN' | 'MFN' | null,
  ) {}

  get orderId(): string {
    // Order ids are ASCII digits and dashes in every encoding.
    return (this.id ??= this.bytes.toString('latin1', this.idStart, this.idEnd).trim());
  }

  get purchaseDate(): string {
    return (this.dateText ??= this.bytes.toString('latin1', this.dateStart, this.dateEnd));
  }

  toJSON(): Order {
    const { orderId, status, purchaseDate, purchaseTime, marketplaceId, fulfilment } = this;
    return { orderId, status, purchaseDate, purchaseTime, marketplaceId, fulfilment };
  }
}

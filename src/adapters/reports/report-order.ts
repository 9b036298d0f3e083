// An order read from an All Orders report. Its id and date are decoded only when asked for:
// the checks read them for a handful of orders, and a large report has a million. Their bytes
// are kept in a ByteArena (the chunk they were read from is reused).

import type { Order, OrderStatus } from '../../core/seller-data.js';

export class ReportOrder implements Order {
  private id: string | null = null;

  /** @param kept the arena buffer holding the id's and the date's bytes, at the offsets given. */
  constructor(
    private readonly kept: Buffer,
    private readonly idFrom: number,
    private readonly idTo: number,
    private readonly dateFrom: number,
    private readonly dateTo: number,
    readonly status: OrderStatus,
    readonly purchaseTime: number,
    /** The date's text where it had to be rewritten; otherwise it is read from the bytes. */
    private dateText: string | null,
    readonly marketplaceId: string | null,
    readonly fulfilment: 'AFN' | 'MFN' | null,
  ) {}

  get orderId(): string {
    // Order ids and ISO dates are ASCII in every encoding.
    return (this.id ??= this.kept.toString('latin1', this.idFrom, this.idTo).trim());
  }

  get purchaseDate(): string {
    return (this.dateText ??= this.kept.toString('latin1', this.dateFrom, this.dateTo));
  }

  toJSON(): Order {
    const { orderId, status, purchaseDate, purchaseTime, marketplaceId, fulfilment } = this;
    return { orderId, status, purchaseDate, purchaseTime, marketplaceId, fulfilment };
  }
}

// Listings and stock read from reports. Names and SKUs are decoded only when asked for: the
// checks count every row but show the first twenty. Their bytes are kept in a ByteArena (the
// chunk they were read from is reused).

import type { InventoryItem, Listing } from '../../core/seller-data.js';
import type { ByteArena } from './byte-arena.js';
import type { ReportFile, RowView } from './report-file.js';

/** Where a field lies in its row's bytes, as [start, end]; [0, 0] when the row lacks it. */
function span(row: RowView, column: number): [number, number] {
  return column >= 0 && column < row.fields ? [row.starts[column]!, row.ends[column]!] : [0, 0];
}

/** What listings and stock share: a SKU and a name, decoded from the row's bytes on demand. */
abstract class NamedRecord {
  private skuText: string | null = null;
  private nameText: string | null | undefined = undefined;
  private readonly kept: Buffer;
  private readonly at: number;
  private readonly skuLength: number;
  private readonly nameLength: number;

  constructor(
    private readonly file: ReportFile,
    row: RowView,
    columns: RecordColumns,
  ) {
    const [skuStart, skuEnd] = span(row, columns.sku);
    const [nameStart, nameEnd] = span(row, columns.name);
    this.at = columns.arena.keep(row.bytes, skuStart, skuEnd, nameStart, nameEnd);
    this.kept = columns.arena.current;
    this.skuLength = skuEnd - skuStart;
    this.nameLength = nameEnd - nameStart;
  }

  get sku(): string {
    return (this.skuText ??= this.file.decode(this.kept, this.at, this.at + this.skuLength).trim());
  }

  get name(): string | null {
    const from = this.at + this.skuLength;
    if (this.nameText === undefined) this.nameText = this.file.decode(this.kept, from, from + this.nameLength) || null;
    return this.nameText;
  }
}

/** Where a record's SKU and name are, and the arena their bytes are kept in. */
export interface RecordColumns {
  sku: number;
  name: number;
  arena: ByteArena;
}

export class ReportListing extends NamedRecord implements Listing {
  readonly marketplaceId = null;

  constructor(
    file: ReportFile,
    row: RowView,
    columns: RecordColumns,
    readonly status: string,
    readonly fulfilment: 'AFN' | 'MFN' | null,
  ) {
    super(file, row, columns);
  }

  toJSON(): Listing {
    return { sku: this.sku, name: this.name, status: this.status, fulfilment: this.fulfilment, marketplaceId: null };
  }
}

export type Quantities = Pick<InventoryItem, 'fulfillable' | 'unfulfillable' | 'reserved' | 'inboundWorking' | 'inboundShipped' | 'inboundReceiving' | 'researching'> & { otherUnits: number };

export class ReportStock extends NamedRecord implements InventoryItem {
  readonly marketplaceId = null;
  readonly fulfillable: number | null;
  readonly unfulfillable: number | null;
  readonly reserved: number | null;
  readonly inboundWorking: number | null;
  readonly inboundShipped: number | null;
  readonly inboundReceiving: number | null;
  readonly researching: number | null;
  readonly otherUnits: number;

  constructor(file: ReportFile, row: RowView, columns: RecordColumns, quantities: Quantities) {
    super(file, row, columns);
    this.fulfillable = quantities.fulfillable;
    this.unfulfillable = quantities.unfulfillable;
    this.reserved = quantities.reserved;
    this.inboundWorking = quantities.inboundWorking;
    this.inboundShipped = quantities.inboundShipped;
    this.inboundReceiving = quantities.inboundReceiving;
    this.researching = quantities.researching;
    this.otherUnits = quantities.otherUnits;
  }


  toJSON(): InventoryItem {
    const { sku, name, fulfillable, unfulfillable, reserved, inboundWorking, inboundShipped, inboundReceiving, researching, otherUnits } = this;
    return { sku, name, marketplaceId: null, fulfillable, unfulfillable, reserved, inboundWorking, inboundShipped, inboundReceiving, researching, otherUnits };
  }
}

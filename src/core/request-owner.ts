// One rule for the wizard, the flags and a saved plan: a closure request is for the seller the
// data belongs to. When the data names its seller, any other seller ID is refused; nothing is
// submitted for a seller that was never checked.

/** Seller IDs as the form takes them: spaces around and letter case do not matter. */
export const normaliseSellerId = (sellerId: string) => sellerId.trim().toUpperCase();

/** The data's seller when the request names another; null when the request may go ahead. */
export function foreignSeller(requestSellerId: string, dataSellerId: string | null): string | null {
  if (dataSellerId === null) return null;
  return normaliseSellerId(requestSellerId) === normaliseSellerId(dataSellerId) ? null : dataSellerId;
}

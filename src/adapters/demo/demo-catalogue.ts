// The demo seller's products: a small home-goods business selling in the US, Canada and Mexico.

export interface DemoProduct {
  sku: string;
  name: string;
  fba: boolean;
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { sku: 'MP-BCB-3PC', name: 'Bamboo Cutting Board Set, 3 pieces', fba: true },
  { sku: 'MP-SSB-750', name: 'Stainless Steel Water Bottle 750 ml, Forest Green', fba: true },
  { sku: 'MP-LIN-NAP6', name: 'Linen Napkins, set of 6, Oatmeal', fba: true },
  { sku: 'MP-CER-MUG2', name: 'Stoneware Mug Pair 350 ml, Speckled White', fba: true },
  { sku: 'MP-OAK-SPR', name: 'Oak Spice Rack, wall-mounted, 3 tiers', fba: false },
  { sku: 'MP-WAX-WRP', name: 'Beeswax Food Wraps, assorted 9 pack', fba: true },
  { sku: 'MP-CST-SKL10', name: 'Pre-seasoned Cast Iron Skillet 10 inch', fba: true },
  { sku: 'MP-GLS-JAR4', name: 'Glass Storage Jars with Bamboo Lids, 4 pack', fba: true },
  { sku: 'MP-TEA-TWL', name: 'Waffle Weave Tea Towels, 4 pack, Sage', fba: false },
  { sku: 'MP-MRB-RLP', name: 'Marble Rolling Pin with Wooden Handles', fba: true },
  { sku: 'MP-CPR-MUG', name: 'Hammered Copper Moscow Mule Mug', fba: false },
  { sku: 'MP-SLT-BOX', name: 'Acacia Salt Cellar with Magnetic Lid', fba: true },
  { sku: 'MP-HRB-KIT', name: 'Indoor Herb Garden Starter Kit', fba: true },
  { sku: 'MP-CNL-SOY', name: 'Soy Wax Candle, Cedar and Sage, 8 oz', fba: false },
  { sku: 'MP-KNF-MAG', name: 'Magnetic Knife Strip, Walnut, 16 inch', fba: true },
  { sku: 'MP-TRV-MAT', name: 'Cork Trivet Set, 4 round', fba: true },
  { sku: 'MP-BRD-BSK', name: 'Woven Bread Basket with Linen Liner', fba: false },
  { sku: 'MP-OIL-CRT', name: 'Olive Oil Cruet 500 ml with Pourer', fba: true },
  { sku: 'MP-APR-CNV', name: 'Canvas Kitchen Apron with Pockets, Charcoal', fba: true },
  { sku: 'MP-PST-BRS', name: 'Silicone Pastry Brush Set, 2 pieces', fba: false },
  { sku: 'MP-DSH-RCK', name: 'Bamboo Dish Drying Rack, foldable', fba: true },
  { sku: 'MP-CHS-KNF', name: 'Cheese Knife Set, 4 pieces, Olive Wood', fba: true },
  { sku: 'MP-SPN-WD5', name: 'Wooden Cooking Spoons, 5 pack, Teak', fba: true },
  { sku: 'MP-FRM-CRK', name: 'Fermentation Crock 2 L with Weights', fba: false },
];

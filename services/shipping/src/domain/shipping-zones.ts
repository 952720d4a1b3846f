/**
 * Where a parcel goes, as carriers price it: the zone of a destination seen from the warehouse.
 * Pure data and rules; the rate tables (in the database) give a price per zone.
 */

export const ZONES = ['domestic', 'eu', 'europe', 'world'] as const;
export type Zone = (typeof ZONES)[number];

/** The one warehouse this shop ships from: every zone is seen from here, every label names it. */
export const WAREHOUSE = {
  name: 'Emporium Fulfilment',
  lines: ['Logistiekweg 12'],
  postalCode: '5015 AB',
  city: 'Tilburg',
  country: 'NL',
} as const;

// ISO 3166-1 alpha-2 (officially assigned codes, plus XK for Kosovo, which carriers use).
const COUNTRIES = new Set(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
   BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
   EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
   HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
   LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
   NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
   SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
   TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW`.split(/\s+/),
);

// The European Union's member states (the customs union a parcel crosses without a declaration).
const EU = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);

// The rest of geographic Europe, priced between the EU and the world.
const EUROPE_OUTSIDE_EU = new Set(
  'AD AL AX BA BY CH FO GB GG GI IM IS JE LI MC MD ME MK NO RS RU SJ SM UA VA XK'.split(' '),
);

export function isCountryCode(code: string): boolean {
  return COUNTRIES.has(code);
}

/** The zone of a parcel from `origin` to `destination` (both known ISO 3166-1 alpha-2 codes). */
export function zoneOf(destination: string, origin: string = WAREHOUSE.country): Zone {
  if (destination === origin) return 'domestic';
  if (EU.has(destination) && EU.has(origin)) return 'eu';
  if (EU.has(destination) || EUROPE_OUTSIDE_EU.has(destination)) return 'europe';
  return 'world';
}

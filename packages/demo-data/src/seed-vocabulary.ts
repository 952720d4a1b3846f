/**
 * Word lists used by the seed catalogue generator.
 *
 * A product name is assembled as `brand series qualifier noun` (or `brand qualifier series noun`
 * when `qualifierFirst` is set); an empty qualifier is allowed. Descriptions are an intro, a detail
 * and sometimes a department closer. Sentence templates may use `{name}`, `{brand}`, `{series}`,
 * `{noun}` and any attribute key of the leaf; append `|lower` to lowercase the value
 * (acronyms such as USB-C or LED are kept as they are).
 */
import type { DepartmentSlug, LeafSlug } from './seed-categories.ts';

export interface DepartmentVocabulary {
  /** Default brands for every leaf of the department. */
  readonly brands: readonly string[];
  /** Optional last sentences appended to descriptions. */
  readonly closers: readonly string[];
}

export interface LeafVocabulary {
  /** Overrides the department brands. */
  readonly brands?: readonly string[];
  /** Books are named by title only; the brand (publisher) is not part of the name. Defaults to true. */
  readonly brandInName?: boolean;
  /** Put the qualifier before the series: 'Organic Earl Grey Tea Bags' rather than 'Earl Grey Organic ...'. */
  readonly qualifierFirst?: boolean;
  readonly series: readonly string[];
  readonly qualifiers?: readonly string[];
  readonly nouns: readonly string[];
  /** Facet attributes; keep every list between 3 and 8 values. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  /** Realistic price range in whole euros, for nouns without their own range. */
  readonly priceEur: readonly [min: number, max: number];
  /** Price ranges for specific nouns, when they differ a lot within the leaf (a dash cam vs a mirrorless kit). */
  readonly nounPriceEur?: Readonly<Record<string, readonly [min: number, max: number]>>;
  /** Price multipliers by attribute value, e.g. `{ weight: { '1 kg': 3.3 } }`; unlisted values count as 1. */
  readonly priceFactors?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly intros: readonly string[];
  readonly details: readonly string[];
}

export const DEPARTMENT_VOCABULARY: Readonly<Record<DepartmentSlug, DepartmentVocabulary>> = {
  electronics: {
    brands: ['Aurora', 'Voltic', 'Nordsound', 'Kestrel', 'Lumio', 'Helix'],
    closers: [
      'Covered by a two-year manufacturer warranty.',
      'Packaged in recyclable cardboard with no single-use plastic.',
      'Backed by our 30-day no-quibble returns policy.',
    ],
  },
  'home-kitchen': {
    brands: ['Hearthwell', 'Casa Nord', 'Linden & Oak', 'Maison Vale', 'Copperleaf', 'Stellan'],
    closers: [
      'Designed in Europe and backed by a two-year guarantee.',
      'Arrives in plastic-free, recyclable packaging.',
      'Pairs beautifully with the rest of the {brand} range.',
    ],
  },
  fashion: {
    brands: ['Northbound', 'Maren & Co', 'Atelier Juno', 'Fieldhouse', 'Kinto', 'Loomwell'],
    closers: [
      'Free returns within 30 days if the fit is not quite right.',
      'Part of our responsibly sourced collection.',
      'See the size guide for exact measurements.',
    ],
  },
  shoes: {
    brands: ['Stridewell', 'Cobble & Lane', 'Trailborn', 'Pace', 'Verano', 'Holt'],
    closers: [
      'Free size exchanges on all footwear.',
      'True to size; if you are between sizes we recommend sizing up.',
      'Ships in a recycled shoebox.',
    ],
  },
  'sports-outdoors': {
    brands: ['Summit Line', 'Trailmark', 'Kinetic', 'Northpeak', 'Aerofit', 'Basecamp Co'],
    closers: [
      'Tested in the field by our team before joining the range.',
      'Covered by a two-year guarantee against manufacturing defects.',
      'A portion of every sale supports local trail-maintenance projects.',
    ],
  },
  books: {
    brands: [
      'Lanternfish Press',
      'Northwind Books',
      'Harbour & Finch',
      'Quillstone',
      'Bramblewood Publishing',
      'Meridian House',
    ],
    closers: [
      'A perfect gift for curious readers.',
      "Shortlisted for several independent booksellers' awards.",
      'Readers call it impossible to put down.',
    ],
  },
  'toys-games': {
    brands: ['Wondertoy', 'Little Atlas', 'Brickforge', 'Playnest', 'Zoomer', 'Cubbi'],
    closers: [
      'Meets EU toy-safety standard EN 71.',
      'Gift-wrapping is available at checkout.',
      'Designed with teachers and tested by real kids.',
    ],
  },
  beauty: {
    brands: ['Lumière', 'Verdant', 'Aeris', 'Nordic Botanica', 'Solène', 'Pure Bloom'],
    closers: [
      'Dermatologically tested and cruelty-free.',
      'Vegan formula in recyclable packaging.',
      'Patch test before first use.',
    ],
  },
  garden: {
    brands: ['Greenhaven', 'Rootwise', 'Fernleigh', 'Terraverde', 'Oakridge Garden', 'Bloomfield'],
    closers: [
      'Built to withstand years of outdoor use.',
      'Our garden experts are happy to help with planting and care advice.',
      'Shipped in plastic-free packaging.',
    ],
  },
  office: {
    brands: ['Scriptora', 'Deskwise', 'Inkwell & Co', 'Paperlark', 'Ergonomix', 'Keystone'],
    closers: [
      'Ideal for home offices and busy workplaces alike.',
      'Order before 2 pm for same-day dispatch.',
      'Backed by a two-year guarantee.',
    ],
  },
  grocery: {
    brands: ['Fieldfare Farm', 'Olivo', 'Harvest & Hearth', 'Good Grain', 'Mesa Verde', 'Bean & Bloom'],
    closers: [
      'Store in a cool, dry place.',
      'Packed in a facility that also handles nuts.',
      'Best enjoyed within four weeks of opening.',
    ],
  },
  pets: {
    brands: ['Pawsome', 'Happy Tails', 'Whisker & Co', 'Barkley', 'Nordic Paw', 'Furrytale'],
    closers: [
      'Developed together with veterinarians.',
      'Free delivery on repeat orders.',
      'Loved by pets, approved by their owners.',
    ],
  },
  baby: {
    brands: ['Little Sprout', 'Bumble & Bee', 'Nestling', 'Moonbeam', 'Tiny Acorn', 'Kinder'],
    closers: [
      'Tested to EU safety standards for babies and toddlers.',
      'A thoughtful gift for new parents.',
      'Comes in a gift-ready box.',
    ],
  },
};

const BOOK_LANGUAGES = ['English', 'German', 'French', 'Spanish', 'Italian', 'Dutch'];

export const LEAF_VOCABULARY: Readonly<Record<LeafSlug, LeafVocabulary>> = {
  // ── Electronics ────────────────────────────────────────────────────────────
  headphones: {
    brands: ['Aurora', 'Nordsound', 'Kestrel', 'Voltic', 'Helix'],
    series: ['Pulse', 'Echo', 'Studio', 'Quiet', 'Drift', 'Nova', 'Halo'],
    qualifiers: ['Wireless', 'Wireless Noise-Cancelling', 'Hybrid ANC Wireless', 'Low-Latency Wireless'],
    nouns: ['Over-Ear Headphones', 'On-Ear Headphones', 'Earbuds', 'Sport Earbuds', 'In-Ear Monitors'],
    attributes: {
      color: ['Black', 'White', 'Midnight Blue', 'Sand', 'Graphite', 'Rose'],
      connectivity: [
        'Bluetooth 5.3',
        'Bluetooth 5.2',
        'Bluetooth 5.3 + 3.5 mm jack',
        'Bluetooth 5.3 + USB-C audio',
      ],
      batteryLife: ['20 hours', '30 hours', '40 hours', '60 hours'],
    },
    priceEur: [29, 349],
    nounPriceEur: {
      'Over-Ear Headphones': [79, 399],
      'On-Ear Headphones': [49, 249],
      Earbuds: [29, 279],
      'Sport Earbuds': [39, 199],
      'In-Ear Monitors': [59, 299],
    },
    intros: [
      'Rich, balanced sound meets {connectivity} connectivity and up to {batteryLife} of playback in the {name}.',
      '{brand} tuned these {noun|lower} for long listening sessions, with a lightweight, pressure-free fit and {batteryLife} of battery life.',
      'Built for commuting and travel, the {name} block out background noise while keeping calls crystal clear.',
    ],
    details: [
      'A {color|lower} finish, fast USB-C charging and multipoint pairing make switching between phone and laptop effortless.',
      'Touch controls let you skip tracks, adjust volume and summon your voice assistant without reaching for your phone.',
      'An ambient mode lets you hear announcements and traffic without taking them off.',
    ],
  },
  speakers: {
    series: ['Boom', 'Orbit', 'Wave', 'Terra', 'Pebble', 'Atlas'],
    qualifiers: ['Portable Wireless', 'Waterproof Bluetooth', 'Smart Wi-Fi', 'Wireless Outdoor', ''],
    nouns: ['Speaker', 'Mini Speaker', 'Party Speaker', 'Speaker Duo'],
    attributes: {
      color: ['Black', 'Stone Grey', 'Ocean Blue', 'Coral', 'Forest Green'],
      power: ['10 W', '20 W', '40 W', '60 W'],
    },
    priceEur: [29, 399],
    nounPriceEur: {
      Speaker: [49, 299],
      'Mini Speaker': [25, 79],
      'Party Speaker': [149, 449],
      'Speaker Duo': [99, 499],
    },
    intros: [
      'The {name} fills the room with {power} of clear, punchy sound and deep, controlled bass.',
      'Small enough for a backpack and loud enough for a garden party, the {name} goes wherever the music does.',
      '{brand} designed the {series} {noun} with 360-degree sound so everyone gets the best seat in the house.',
    ],
    details: [
      'Pair two units for stereo sound, or group several across the house from the companion app.',
      'The durable fabric cover in {color|lower} resists dust, splashes and the occasional drop.',
      'A built-in microphone turns it into a speakerphone for hands-free calls.',
    ],
  },
  smartwatches: {
    series: ['Pulse', 'Vita', 'Stride', 'Orbit', 'Zen', 'Active'],
    qualifiers: ['Waterproof', 'GPS', 'Slim', 'Rugged', 'Hybrid', ''],
    nouns: ['Smartwatch', 'Fitness Tracker', 'Sports Watch', 'Kids Smartwatch'],
    attributes: {
      color: ['Black', 'Silver', 'Rose Gold', 'Midnight', 'Olive'],
      caseSize: ['38 mm', '41 mm', '44 mm', '46 mm'],
      strap: ['Silicone', 'Leather', 'Nylon', 'Stainless Steel Mesh'],
      batteryLife: ['2 days', '7 days', '14 days'],
    },
    priceEur: [39, 449],
    nounPriceEur: {
      Smartwatch: [129, 449],
      'Fitness Tracker': [29, 129],
      'Sports Watch': [149, 549],
      'Kids Smartwatch': [49, 149],
    },
    intros: [
      'The {name} tracks heart rate, sleep and more than 100 workout types, with up to {batteryLife} on a single charge.',
      'Stay on top of notifications, steps and recovery with the {name}, a {caseSize} watch that is comfortable all day and all night.',
      '{brand} built the {series} {noun} for people who train hard and want clear, honest data afterwards.',
    ],
    details: [
      'The {strap|lower} strap swaps out in seconds, and the {color|lower} case is water-resistant to 50 metres.',
      'Contactless payments, an always-on display and wireless charging come as standard.',
      'Your data syncs privately to the free companion app on Android and iOS.',
    ],
  },
  'chargers-power': {
    series: ['Volt', 'Flux', 'Charge', 'Amp', 'Swift', 'Core'],
    qualifiers: ['Fast', 'Compact', 'Travel', ''],
    nouns: [
      'Wireless Charging Pad',
      '3-in-1 Wireless Charging Stand',
      'Power Bank',
      'USB-C Wall Charger',
      'Braided USB-C Cable',
      'Car Charger',
      'Magnetic Wireless Power Bank',
    ],
    attributes: {
      color: ['Black', 'White', 'Graphite', 'Blue'],
      output: ['15 W', '20 W', '30 W', '65 W', '100 W'],
    },
    priceEur: [9, 99],
    nounPriceEur: {
      'Wireless Charging Pad': [15, 45],
      '3-in-1 Wireless Charging Stand': [39, 129],
      'Power Bank': [19, 69],
      'USB-C Wall Charger': [15, 69],
      'Braided USB-C Cable': [9, 29],
      'Car Charger': [12, 35],
      'Magnetic Wireless Power Bank': [29, 89],
    },
    intros: [
      'The {name} delivers up to {output} of safe, efficient power to phones, earbuds and tablets.',
      'Charge faster and cut the clutter with the {name}.',
      'Built for desks, bedside tables and travel bags, the {name} keeps every device topped up.',
    ],
    details: [
      'Intelligent temperature control and surge protection keep your devices safe while they charge.',
      'The {color|lower} finish is fingerprint-resistant and the casing is made from 70% recycled plastic.',
      'Compatible with the latest USB-C and Qi2 devices.',
    ],
  },
  cameras: {
    series: ['Vista', 'Focus', 'Nomad', 'Prism', 'Lumen', 'Horizon'],
    qualifiers: ['Compact', 'Pro', 'Travel', ''],
    nouns: [
      'Waterproof 4K Action Camera',
      'Mirrorless Camera Kit',
      'Compact Digital Camera',
      'Instant Camera',
      'Vlogging Camera',
      'Dash Cam',
      'Wireless Security Camera',
    ],
    attributes: {
      color: ['Black', 'Silver', 'White', 'Mint'],
      resolution: ['12 MP', '20 MP', '24 MP', '48 MP'],
      storage: ['microSD', 'SD', 'Internal 32 GB'],
    },
    priceEur: [49, 1299],
    nounPriceEur: {
      'Waterproof 4K Action Camera': [129, 499],
      'Mirrorless Camera Kit': [549, 1899],
      'Compact Digital Camera': [179, 799],
      'Instant Camera': [69, 159],
      'Vlogging Camera': [299, 899],
      'Dash Cam': [49, 199],
      'Wireless Security Camera': [39, 179],
    },
    intros: [
      'Capture sharp, vivid images in any light with the {name} and its {resolution} sensor.',
      'The {name} makes it easy to shoot, share and relive the moments that matter.',
      'Light, robust and quick to start, the {name} is always ready when the action begins.',
    ],
    details: [
      'Image stabilisation keeps footage smooth, and files save to {storage} storage or transfer wirelessly to your phone.',
      'A bright, flip-out screen and intuitive menus make it friendly for beginners and fast for experts.',
      'The weather-sealed {color|lower} body shrugs off dust and rain.',
    ],
  },

  // ── Home & Kitchen ─────────────────────────────────────────────────────────
  cookware: {
    series: ['Classic', 'Chef', 'Heritage', 'Everyday', 'Pro', 'Artisan'],
    qualifiers: ['Non-Stick', 'Tri-Ply Stainless Steel', 'Cast Iron', 'Enamelled', 'Hard-Anodised', 'Copper'],
    nouns: ['Frying Pan', 'Sauté Pan', 'Saucepan', 'Casserole Dish', 'Wok', 'Griddle Pan', 'Stockpot'],
    attributes: {
      diameter: ['20 cm', '24 cm', '28 cm', '32 cm'],
      color: ['Black', 'Cream', 'Sage', 'Graphite', 'Copper'],
      hobs: ['All incl. induction', 'Gas & electric', 'Induction'],
    },
    priceEur: [19, 189],
    nounPriceEur: {
      'Casserole Dish': [49, 249],
      Stockpot: [39, 179],
    },
    intros: [
      'The {name} heats evenly and holds temperature, so searing, simmering and reducing all feel effortless.',
      'Made for daily cooking, this {diameter} {noun|lower} from {brand} moves from hob to oven up to 220 °C.',
      'Professional-grade performance meets a {color|lower} exterior that looks good enough to serve from.',
    ],
    details: [
      'A thick encapsulated base prevents hot spots, and the tempered-glass lid lets you check progress without losing heat.',
      'The riveted stay-cool handle and pouring lips on both sides make it a pleasure to use.',
      'Hand-wash recommended to keep the surface in top condition for years.',
    ],
  },
  'kitchen-appliances': {
    series: ['Brew', 'Crisp', 'Velvet', 'Fusion', 'Mini', 'Max'],
    qualifiers: ['Digital', 'Compact', 'Smart', 'Retro', 'Quiet', ''],
    nouns: [
      'Kettle',
      'Toaster',
      'Stand Mixer',
      'Hand Blender',
      'Air Fryer',
      'Espresso Machine',
      'Coffee Grinder',
      'Food Processor',
    ],
    attributes: {
      color: ['Black', 'White', 'Brushed Steel', 'Cream', 'Red'],
      power: ['600 W', '1000 W', '1500 W', '2000 W'],
      warranty: ['2 years', '3 years', '5 years'],
    },
    priceEur: [24, 449],
    nounPriceEur: {
      Kettle: [25, 119],
      Toaster: [29, 129],
      'Stand Mixer': [149, 599],
      'Hand Blender': [29, 119],
      'Air Fryer': [69, 249],
      'Espresso Machine': [149, 799],
      'Coffee Grinder': [35, 249],
      'Food Processor': [69, 349],
    },
    intros: [
      'The {name} brings great results to your countertop with {power} of power and intuitive one-touch controls.',
      '{brand} designed this {noun|lower} to be fast, quiet and easy to clean, with a {color|lower} finish that suits any kitchen.',
      'Whether it is a weekday breakfast or a weekend dinner party, the {name} handles the prep so you do not have to.',
    ],
    details: [
      'Removable parts are dishwasher-safe, and the cord tucks neatly into the base for storage.',
      'Built-in overheat protection and a non-slip base keep it safe and steady in use.',
      'It comes with a warranty of {warranty}, and spare parts are available for a decade.',
    ],
  },
  bedding: {
    series: ['Cloud', 'Serene', 'Hotel', 'Nordic', 'Haven', 'Dream'],
    qualifiers: ['Organic Cotton', 'Egyptian Cotton', 'Linen', 'Cotton Percale', 'Cotton Sateen', 'Bamboo'],
    nouns: ['Duvet Cover Set', 'Fitted Sheet', 'Pillowcase Pair', 'Flat Sheet', 'Bedspread', 'Throw Blanket'],
    attributes: {
      size: ['Single', 'Double', 'King', 'Super King'],
      color: ['White', 'Ivory', 'Sage', 'Dusty Pink', 'Charcoal', 'Navy'],
      care: ['Machine wash 40 °C', 'Machine wash 60 °C', 'Gentle cycle 30 °C'],
    },
    priceEur: [19, 149],
    nounPriceEur: {
      'Duvet Cover Set': [39, 149],
      'Fitted Sheet': [19, 69],
      'Pillowcase Pair': [15, 49],
      'Flat Sheet': [19, 69],
      Bedspread: [49, 179],
      'Throw Blanket': [29, 119],
    },
    priceFactors: {
      size: { Single: 0.8, Double: 1, King: 1.2, 'Super King': 1.35 },
    },
    intros: [
      'Breathable and soft from the first night, the {name} gets even cosier with every wash.',
      'This {color|lower} {noun|lower} from {brand} is woven for a cool, crisp feel in summer and gentle warmth in winter.',
      'Bring a hotel-style finish to your bedroom with the {name}, cut generously for {size|lower} beds.',
    ],
    details: [
      'It is OEKO-TEX certified, free from harmful chemicals and easy to care for: {care|lower}.',
      'Hidden closures and generous hems keep everything neatly in place.',
      'Pre-washed for softness, it resists pilling and keeps its colour wash after wash.',
    ],
  },
  'home-decor': {
    series: ['Terra', 'Luna', 'Oslo', 'Marlow', 'Sienna', 'Kyoto'],
    qualifiers: ['Handmade', 'Large', 'Small', 'Textured', ''],
    nouns: [
      'Ceramic Vase',
      'Glass Vase',
      'Rattan Table Lamp',
      'Ceramic Table Lamp',
      'Soy Wax Scented Candle',
      'Oak Wall Mirror',
      'Linen Cushion Cover',
      'Cotton Cushion Cover',
      'Oak Photo Frame',
      'Terracotta Plant Pot',
    ],
    attributes: {
      color: ['White', 'Terracotta', 'Sage', 'Charcoal', 'Natural', 'Ochre'],
      style: ['Scandinavian', 'Rustic', 'Minimalist', 'Boho', 'Mid-Century'],
    },
    priceEur: [9, 179],
    nounPriceEur: {
      'Ceramic Vase': [15, 89],
      'Glass Vase': [12, 69],
      'Rattan Table Lamp': [49, 179],
      'Ceramic Table Lamp': [49, 199],
      'Soy Wax Scented Candle': [9, 39],
      'Oak Wall Mirror': [59, 249],
      'Linen Cushion Cover': [15, 45],
      'Cotton Cushion Cover': [12, 35],
      'Oak Photo Frame': [12, 49],
      'Terracotta Plant Pot': [9, 59],
    },
    intros: [
      'The {name} adds warmth and texture to shelves, sideboards and bedside tables.',
      'With its {style|lower} lines and {color|lower} tones, this {noun|lower} from {brand} fits effortlessly into any room.',
      'A small change that makes a big difference, the {name} turns a corner into a place you want to linger.',
    ],
    details: [
      'Every piece is finished by hand, so small variations make each one unique.',
      'Group it with other pieces from the {series} collection for a layered, collected look.',
      'Responsibly made from natural materials in a small European workshop.',
    ],
  },

  // ── Fashion ────────────────────────────────────────────────────────────────
  't-shirts-tops': {
    series: ['Essential', 'Everyday', 'Heritage', 'Weekend', 'Studio', 'Classic'],
    qualifiers: ['Organic Cotton', 'Pima Cotton', 'Cotton-Linen', 'Heavyweight Cotton', 'Slub Cotton'],
    nouns: [
      'Crew Neck T-Shirt',
      'V-Neck T-Shirt',
      'Pocket Tee',
      'Long-Sleeve T-Shirt',
      'Henley',
      'Polo Shirt',
    ],
    attributes: {
      color: ['White', 'Black', 'Navy', 'Heather Grey', 'Olive', 'Rust', 'Sky Blue'],
      size: ['XS', 'S', 'M', 'L', 'XL', 'XXL'],
      fit: ['Regular', 'Slim', 'Relaxed'],
    },
    priceEur: [12, 59],
    nounPriceEur: {
      'Polo Shirt': [29, 69],
      Henley: [25, 59],
    },
    intros: [
      'Cut from soft, breathable fabric, the {name} is the kind of staple you reach for every day.',
      'The {name} has a {fit|lower} fit, reinforced seams and a collar that keeps its shape.',
      'A wardrobe essential from {brand}, this {color|lower} {noun|lower} layers as easily as it stands on its own.',
    ],
    details: [
      'Garment-dyed for a lived-in look and pre-shrunk so the fit stays true after washing.',
      'Machine washable at 30 °C; tumble dry low.',
      'Made in a Fair Trade certified factory with fully traceable cotton.',
    ],
  },
  'jackets-coats': {
    series: ['Alpine', 'Harbour', 'Metro', 'Ridge', 'Fjord', 'Canyon'],
    qualifiers: ['Waterproof', 'Insulated', 'Lightweight', 'Quilted', 'Packable'],
    nouns: [
      'Parka',
      'Rain Jacket',
      'Puffer Jacket',
      'Trench Coat',
      'Bomber Jacket',
      'Wool-Blend Overcoat',
      'Waxed Cotton Field Jacket',
      'Leather Biker Jacket',
    ],
    attributes: {
      color: ['Black', 'Navy', 'Olive', 'Camel', 'Stone', 'Burgundy'],
      size: ['XS', 'S', 'M', 'L', 'XL'],
    },
    priceEur: [59, 329],
    nounPriceEur: {
      'Rain Jacket': [59, 199],
      'Trench Coat': [129, 329],
      'Wool-Blend Overcoat': [149, 399],
      'Leather Biker Jacket': [199, 449],
    },
    intros: [
      'The {name} keeps you warm and dry from the morning commute to weekend walks.',
      'Tailored for layering, this {color|lower} {noun|lower} from {brand} balances a clean silhouette with real-world practicality.',
      'With a two-way zip, deep lined pockets and a dropped back hem, the {name} is made for everyday wear.',
    ],
    details: [
      'The recycled lining is breathable, so you stay comfortable when the temperature changes.',
      'A PFC-free water-repellent finish sheds light rain and snow.',
      'Available in sizes XS to XL; the model wears size {size}.',
    ],
  },
  bags: {
    series: ['Voyager', 'Metro', 'Atlas', 'Nomad', 'Harlow', 'Soho'],
    qualifiers: ['Leather', 'Vegan Leather', 'Waxed Canvas', 'Recycled Nylon', 'Cotton Canvas'],
    nouns: [
      'Backpack',
      'Tote Bag',
      'Crossbody Bag',
      'Weekender Bag',
      'Messenger Bag',
      'Laptop Sleeve',
      'Bum Bag',
    ],
    attributes: {
      color: ['Black', 'Tan', 'Cognac', 'Olive', 'Navy', 'Stone'],
      closure: ['Zip', 'Magnetic Snap', 'Drawstring', 'Buckle'],
      strap: ['Adjustable', 'Detachable', 'Fixed'],
    },
    priceEur: [29, 289],
    nounPriceEur: {
      Backpack: [49, 249],
      'Tote Bag': [29, 199],
      'Crossbody Bag': [39, 199],
      'Weekender Bag': [89, 329],
      'Messenger Bag': [59, 229],
      'Laptop Sleeve': [25, 79],
      'Bum Bag': [25, 89],
    },
    intros: [
      'The {name} keeps daily essentials organised, with a padded inner sleeve and quick-access pockets.',
      'Crafted with care by {brand}, this {color|lower} {noun|lower} ages beautifully and gets better with every journey.',
      'Sleek enough for the office and tough enough for the weekend, the {name} goes wherever you do.',
    ],
    details: [
      'A {closure|lower} closure keeps contents secure, while the {strap|lower} strap sits comfortably on the shoulder.',
      'Solid brass hardware and reinforced stitching at stress points mean it is built to last.',
      'The water-resistant base protects your belongings on wet pavements.',
    ],
  },
  'belts-wallets': {
    series: ['Heritage', 'Classic', 'Rowan', 'Dalton', 'Bramble', 'Sterling'],
    qualifiers: ['Full-Grain Leather', 'Suede', 'Vegan Leather', 'Italian Leather', 'Woven Leather'],
    nouns: ['Belt', 'Bifold Wallet', 'Card Holder', 'Coin Purse', 'Key Pouch', 'Reversible Belt'],
    attributes: {
      color: ['Black', 'Dark Brown', 'Tan', 'Cognac', 'Navy'],
      finish: ['Matte', 'Polished', 'Distressed'],
      rfidBlocking: ['Yes', 'No', 'Not applicable'],
    },
    priceEur: [19, 129],
    nounPriceEur: {
      Belt: [29, 99],
      'Bifold Wallet': [35, 129],
      'Card Holder': [19, 59],
      'Coin Purse': [15, 45],
      'Key Pouch': [15, 39],
      'Reversible Belt': [39, 109],
    },
    intros: [
      'The {name} is hand-finished with burnished edges and tight, even stitching.',
      'Slim, durable and timeless, this {color|lower} {noun|lower} from {brand} is made to be used every day for years.',
      'A small accessory that makes a big difference, the {name} has a {finish|lower} finish that suits smart and casual looks alike.',
    ],
    details: [
      'It arrives gift-boxed with a care card.',
      'Each piece is cut and stitched in a small family workshop.',
      'Wipe clean with a damp cloth and condition occasionally to keep it supple.',
    ],
  },

  // ── Shoes ──────────────────────────────────────────────────────────────────
  sneakers: {
    series: ['Glide', 'Apex', 'Court', 'Drift', 'Metro', 'Pulse'],
    qualifiers: ['Leather', 'Suede', 'Knit', 'Canvas', 'Recycled Mesh', 'Waterproof'],
    nouns: [
      'Sneakers',
      'Trainers',
      'Running Shoes',
      'Low-Top Sneakers',
      'High-Top Sneakers',
      'Slip-On Sneakers',
    ],
    attributes: {
      color: ['White', 'Black', 'Grey', 'Navy', 'Off-White', 'Green'],
      size: ['38', '39', '40', '41', '42', '43', '44', '45'],
      sole: ['Rubber', 'EVA Foam', 'Gum Rubber'],
    },
    priceEur: [49, 179],
    intros: [
      'The {name} combine a cushioned {sole|lower} sole with a supportive upper for all-day comfort.',
      'Clean lines and a {color|lower} colourway make these {noun|lower} from {brand} easy to wear with everything.',
      'Light, flexible and grippy, the {name} are made for city miles.',
    ],
    details: [
      'A removable, contoured insole supports the arch and can be swapped for orthotics.',
      'The padded collar and heel tab make them easy to slip on and off.',
      'Recycled laces and a partly recycled outsole reduce their footprint.',
    ],
  },
  boots: {
    series: ['Ridge', 'Highland', 'Baker', 'Cairn', 'Tundra', 'Forge'],
    qualifiers: ['Waterproof Leather', 'Suede', 'Nubuck', 'Waterproof', 'Insulated'],
    nouns: ['Chelsea Boots', 'Hiking Boots', 'Ankle Boots', 'Lace-Up Boots', 'Winter Boots', 'Work Boots'],
    attributes: {
      color: ['Black', 'Dark Brown', 'Tan', 'Taupe', 'Olive'],
      size: ['38', '39', '40', '41', '42', '43', '44', '45'],
      heelHeight: ['Flat', '2 cm', '4 cm', '6 cm'],
    },
    priceEur: [79, 259],
    intros: [
      'The {name} are built on a Goodyear-welted sole that can be resoled again and again.',
      'From muddy trails to wet pavements, these {color|lower} {noun|lower} from {brand} keep your feet dry and supported.',
      'The {name} pair rugged good looks with a cushioned footbed you can wear all day.',
    ],
    details: [
      'A lugged rubber outsole grips on ice, gravel and wet leaves.',
      'Pull tabs and a padded collar make them easy to get on and comfortable to wear.',
      'Break-in time is minimal thanks to soft, pre-conditioned uppers.',
    ],
  },
  sandals: {
    series: ['Riviera', 'Coast', 'Palma', 'Sol', 'Mykonos', 'Lagoon'],
    qualifiers: ['Leather', 'Lightweight', 'Woven', 'Recycled', 'Waterproof'],
    nouns: ['Sandals', 'Slides', 'Flip-Flops', 'Espadrilles', 'Hiking Sandals', 'Platform Sandals'],
    attributes: {
      color: ['Black', 'Tan', 'White', 'Natural', 'Navy', 'Coral'],
      size: ['36', '37', '38', '39', '40', '41', '42', '43'],
      footbed: ['Cork', 'Memory Foam', 'EVA', 'Leather'],
    },
    priceEur: [19, 119],
    nounPriceEur: {
      Sandals: [29, 119],
      Slides: [19, 69],
      'Flip-Flops': [12, 39],
      Espadrilles: [29, 79],
      'Hiking Sandals': [49, 129],
      'Platform Sandals': [39, 119],
    },
    intros: [
      'The {name} mould to your feet with a contoured {footbed|lower} footbed for barefoot-like comfort.',
      'Made for long summer days, these {color|lower} {noun|lower} from {brand} go from beach to brunch.',
      'Adjustable straps and a grippy sole make the {name} a holiday essential.',
    ],
    details: [
      'They pack flat, weigh next to nothing and dry quickly.',
      'The outsole is made from natural rubber for a secure step on wet surfaces.',
      'Handmade in Portugal by a family-run workshop.',
    ],
  },
  'formal-shoes': {
    series: ['Savile', 'Regent', 'Marlowe', 'Whitby', 'Chester', 'Belgravia'],
    qualifiers: ['Leather', 'Patent Leather', 'Suede', 'Calf Leather', 'Brushed Leather'],
    nouns: ['Oxford Shoes', 'Derby Shoes', 'Brogues', 'Loafers', 'Monk Strap Shoes', 'Court Shoes'],
    attributes: {
      color: ['Black', 'Dark Brown', 'Burgundy', 'Tan', 'Navy'],
      size: ['38', '39', '40', '41', '42', '43', '44', '45'],
      sole: ['Leather', 'Rubber', 'Dainite Rubber'],
    },
    priceEur: [89, 279],
    intros: [
      'The {name} are Goodyear-welted on a {sole|lower} sole and finished by hand.',
      'Polished enough for weddings and comfortable enough for the office, these {color|lower} {noun|lower} from {brand} will not let you down.',
      'A timeless silhouette and a cushioned leather insole make the {name} a wardrobe cornerstone.',
    ],
    details: [
      'Each pair is hand-burnished to bring out the depth of colour.',
      'Supplied with cotton shoe bags and a spare pair of laces where applicable.',
      'Resoling is available through our repair service.',
    ],
  },

  // ── Sports & Outdoors ──────────────────────────────────────────────────────
  'camping-gear': {
    series: ['Ridge', 'Trailhead', 'Nomad', 'Evergreen', 'Wayfarer', 'Cascade'],
    qualifiers: ['Ultralight', 'Compact', 'Trail', 'Expedition', ''],
    nouns: [
      'Waterproof 2-Person Tent',
      'Waterproof 4-Person Tent',
      'Down Sleeping Bag',
      'Self-Inflating Sleeping Mat',
      'Camping Stove',
      'Rechargeable Headlamp',
      'Folding Camping Chair',
      'LED Lantern',
      'Waterproof Dry Bag',
    ],
    attributes: {
      color: ['Forest Green', 'Orange', 'Grey', 'Sand', 'Blue'],
      season: ['Summer', '3-Season', '4-Season'],
      packedWeight: ['Under 500 g', '500 g - 1 kg', '1 - 2 kg', 'Over 2 kg'],
    },
    priceEur: [19, 399],
    nounPriceEur: {
      'Waterproof 2-Person Tent': [119, 449],
      'Waterproof 4-Person Tent': [189, 649],
      'Down Sleeping Bag': [129, 399],
      'Self-Inflating Sleeping Mat': [39, 119],
      'Camping Stove': [29, 139],
      'Rechargeable Headlamp': [19, 69],
      'Folding Camping Chair': [29, 99],
      'LED Lantern': [15, 59],
      'Waterproof Dry Bag': [12, 39],
    },
    intros: [
      'The {name} is designed for {season|lower} adventures, from festival fields to remote wild camps.',
      'Tough, light and quick to set up, this {noun|lower} from {brand} earns its place in your pack.',
      'Whether you are bikepacking or car camping, the {name} makes nights outdoors more comfortable.',
    ],
    details: [
      'Recycled ripstop fabrics and stainless hardware keep weight down and durability up.',
      'It packs into its own stuff sack, with a packed weight of {packedWeight|lower}.',
      'Tested in Scottish rain and Alpine wind before it joined the range.',
    ],
  },
  'fitness-equipment': {
    series: ['Core', 'Flex', 'Iron', 'Momentum', 'Pulse', 'Forge'],
    qualifiers: ['Adjustable', 'Non-Slip', 'Pro', 'Home', ''],
    nouns: [
      'Dumbbell Set',
      'Kettlebell',
      'Yoga Mat',
      'Resistance Band Set',
      'Foam Roller',
      'Skipping Rope',
      'Pull-Up Bar',
      'Exercise Bench',
    ],
    attributes: {
      color: ['Black', 'Grey', 'Teal', 'Purple', 'Red'],
      level: ['Beginner', 'Intermediate', 'Advanced'],
    },
    priceEur: [9, 299],
    nounPriceEur: {
      'Dumbbell Set': [39, 249],
      Kettlebell: [19, 89],
      'Yoga Mat': [19, 89],
      'Resistance Band Set': [12, 39],
      'Foam Roller': [15, 49],
      'Skipping Rope': [9, 35],
      'Pull-Up Bar': [25, 79],
      'Exercise Bench': [89, 299],
    },
    intros: [
      'The {name} turns any corner of your home into a place to train.',
      'Ideal for {level|lower} workouts, this {noun|lower} from {brand} is sturdy, compact and easy to store.',
      'From strength circuits to mobility sessions, the {name} helps you stay consistent.',
    ],
    details: [
      'Free follow-along workouts are included in the companion app.',
      'Durable, sweat-resistant materials wipe clean in seconds.',
      'The {color|lower} finish is part of a colour-coded range so you can build your kit over time.',
    ],
  },
  cycling: {
    series: ['Velo', 'Sprint', 'Commuter', 'Gravel', 'Breakaway', 'Cadence'],
    qualifiers: ['Lightweight', 'Aero', 'Urban', 'Trail', ''],
    nouns: [
      'MIPS Bike Helmet',
      'USB-C Bike Lights Set',
      'Gel-Padded Cycling Gloves',
      'D-Lock',
      'Waterproof Saddle Bag',
      'Wireless Cycling Computer',
      'Carbon Bottle Cage',
      'Floor Pump',
    ],
    attributes: {
      color: ['Black', 'Fluoro Yellow', 'White', 'Red', 'Blue'],
      discipline: ['Road', 'Gravel', 'Mountain', 'City'],
    },
    priceEur: [9, 199],
    nounPriceEur: {
      'MIPS Bike Helmet': [59, 199],
      'USB-C Bike Lights Set': [19, 89],
      'Gel-Padded Cycling Gloves': [15, 49],
      'D-Lock': [29, 99],
      'Waterproof Saddle Bag': [19, 69],
      'Wireless Cycling Computer': [79, 349],
      'Carbon Bottle Cage': [15, 49],
      'Floor Pump': [25, 79],
    },
    intros: [
      'Meet the {name}: made for {discipline|lower} riding, from daily commutes to long weekend loops.',
      'Ride safer and smoother with the {name}.',
      'Upgrade your bike with the {name}: light, tough and easy to fit.',
    ],
    details: [
      'Reflective details and a high-visibility {color|lower} option help you stay seen after dark.',
      'Tool-free mounting means you can swap it between bikes in seconds.',
      'Tested by our in-house riders through a full European winter.',
    ],
  },
  'outdoor-clothing': {
    series: ['Storm', 'Trek', 'Summit', 'Highline', 'Cascade', 'Tundra'],
    qualifiers: ['Waterproof', 'Windproof', 'Insulated', 'Quick-Dry', 'Merino'],
    nouns: [
      'Shell Jacket',
      'Hooded Anorak',
      'Fleece Jacket',
      'Base Layer Top',
      'Softshell Jacket',
      'Down Vest',
      'Half-Zip Midlayer',
    ],
    attributes: {
      color: ['Black', 'Orange', 'Moss Green', 'Navy', 'Grey', 'Red'],
      size: ['XS', 'S', 'M', 'L', 'XL'],
      fit: ["Men's", "Women's", 'Unisex'],
    },
    priceEur: [29, 349],
    nounPriceEur: {
      'Shell Jacket': [129, 449],
      'Fleece Jacket': [49, 149],
      'Base Layer Top': [29, 89],
      'Down Vest': [79, 229],
    },
    intros: [
      'The {name} is built for changeable mountain weather, with a cut that moves with you.',
      'Breathable, tough and light, this {color|lower} {noun|lower} from {brand} is a trail essential.',
      'Layer the {name} on cold summits or wear it alone on mild valley walks.',
    ],
    details: [
      'Articulated elbows and knees give freedom of movement on scrambles.',
      'Made with recycled fibres and a PFC-free finish.',
      'Zipped pockets sit above a hip belt so they stay accessible with a pack on.',
    ],
  },

  // ── Books ──────────────────────────────────────────────────────────────────
  fiction: {
    brandInName: false,
    series: [
      'The Silent',
      'The Last',
      'A Winter',
      'The Glass',
      'Beneath the',
      'The Forgotten',
      'The Paper',
      'Letters from the',
    ],
    nouns: ['Harbour', 'Orchard', 'Cartographer', 'Lighthouse', 'Garden', 'Island', 'Library', 'Tide'],
    attributes: {
      author: [
        'Elena Marsh',
        'Tomas Reyes',
        'Ingrid Halvorsen',
        'Samuel Okafor',
        'Clara Benedetti',
        'Jonah Whitlock',
        'Mira Castell',
      ],
      format: ['Hardcover', 'Paperback', 'E-book', 'Audiobook'],
      language: BOOK_LANGUAGES,
      genre: ['Literary Fiction', 'Mystery', 'Historical Fiction', 'Thriller', 'Romance'],
    },
    priceEur: [6, 29],
    intros: [
      '{author} returns with {name}, a sweeping story of memory, loss and the ties that bind a family.',
      'In {name}, {author} weaves a gripping tale of secrets buried for decades in a small coastal town.',
      'Set across three generations, {name} is {genre|lower} at its most absorbing.',
    ],
    details: [
      'This {format|lower} edition is published by {brand} in {language}.',
      'Praised by critics for its luminous prose and unforgettable characters.',
      'The perfect companion for long train journeys and rainy afternoons.',
    ],
  },
  cookbooks: {
    brandInName: false,
    series: ['The Organic', 'Simple', 'Slow', 'Everyday', 'The Green', 'Sunday', 'The Mediterranean'],
    nouns: [
      'Kitchen',
      'Table',
      'Baking Book',
      'Vegetarian Cookbook',
      'Pasta Book',
      'Bread Book',
      'One-Pot Cookbook',
      'Breakfast Book',
    ],
    attributes: {
      author: ['Nadia Rossi', 'Ben Hartley', 'Yuki Tanaka', 'Sofia Lindqvist', 'Marco Ferri', 'Amara Diallo'],
      format: ['Hardcover', 'Paperback', 'Spiral-Bound', 'E-book'],
      language: BOOK_LANGUAGES,
      recipeCount: ['80', '100', '120', '150'],
    },
    priceEur: [12, 39],
    intros: [
      '{name} by {author} collects {recipeCount} seasonal recipes that turn simple ingredients into memorable meals.',
      'From quick weekday suppers to slow weekend feasts, {name} is packed with dishes the whole family will love.',
      'Food writer {author} shares the recipes, tips and stories behind a lifetime of home cooking in {name}.',
    ],
    details: [
      'This {format|lower} edition is fully illustrated with step-by-step photography.',
      'Every recipe lists prep times and suggests organic, seasonal swaps.',
      'Published by {brand} in {language}.',
    ],
  },
  'childrens-books': {
    brandInName: false,
    series: [
      'The Little',
      'The Brave',
      'Goodnight,',
      'The Sleepy',
      'The Curious',
      'Where Is the',
      'The Amazing',
    ],
    nouns: ['Fox', 'Dragon', 'Rabbit', 'Robot', 'Bear', 'Penguin', 'Moon', 'Tractor'],
    attributes: {
      author: ['Poppy Ellis', 'Hugo Lambert', 'Anika Sharma', 'Olly Bright', 'Greta Stein'],
      format: ['Board Book', 'Hardcover', 'Paperback', 'Picture Book'],
      ageRange: ['0-3 years', '3-5 years', '5-7 years', '7-9 years'],
      language: BOOK_LANGUAGES,
    },
    priceEur: [5, 19],
    intros: [
      '{name} is a warm, funny story about friendship and finding your way home.',
      'Written by {author}, {name} is perfect for bedtime reading with children aged {ageRange}.',
      'Bright illustrations and a rhythmic, read-aloud text make {name} a firm favourite.',
    ],
    details: [
      'This {format|lower} edition is printed with plant-based inks on sturdy paper.',
      'Look out for the little snail hiding on every page!',
      'Published by {brand} in {language}.',
    ],
  },
  'travel-guides': {
    brandInName: false,
    series: ['Pocket Guide to', 'The Essential', 'Hidden', 'Walking', 'A Weekend in', 'Slow Travel in'],
    nouns: [
      'Lisbon',
      'Iceland',
      'Kyoto',
      'the Alps',
      'Scotland',
      'Andalusia',
      'the Dolomites',
      'Norway',
      'Sicily',
    ],
    attributes: {
      author: ['Lena Vogt', 'Rafael Soto', 'Hannah Price', 'Jules Moreau', 'Kenji Mori'],
      format: ['Paperback', 'E-book', 'Flexibound'],
      language: BOOK_LANGUAGES,
      edition: ['1st edition', '2nd edition', '3rd edition', '4th edition'],
    },
    priceEur: [9, 29],
    intros: [
      '{name} ({edition}) is the guide that independent travellers swear by.',
      'Local expert {author} reveals the markets, viewpoints and family-run restaurants most visitors miss in {name}.',
      'With day-by-day itineraries and walking routes, {name} helps you plan the perfect trip.',
    ],
    details: [
      'Includes fold-out maps, a phrasebook and tips for travelling by train.',
      'This {format|lower} edition is published by {brand} in {language}.',
      'Every listing has been checked in person within the last year.',
    ],
  },

  // ── Toys & Games ───────────────────────────────────────────────────────────
  'board-games': {
    series: ['Castle', 'Galaxy', 'Jungle', 'Harbour', 'Dragon', 'Mystery'],
    qualifiers: ['Family', 'Deluxe', 'Travel', ''],
    nouns: [
      'Quest Board Game',
      'Strategy Game',
      'Card Game',
      'Party Game',
      'Cooperative Adventure Game',
      'Word Game',
      'Trivia Game',
    ],
    attributes: {
      players: ['1-4', '2-4', '2-6', '3-8'],
      ageRange: ['6+', '8+', '10+', '12+', '14+'],
      playTime: ['15 min', '30 min', '45 min', '60 min', '90 min'],
    },
    priceEur: [9, 69],
    intros: [
      'The {name} brings {players} players around the table for about {playTime} of laughter and friendly rivalry.',
      'Easy to learn and hard to master, this {noun|lower} from {brand} is a games-night favourite for ages {ageRange}.',
      'Plan, bluff and race to victory in the {name}.',
    ],
    details: [
      'Beautifully illustrated components are made from FSC-certified board and wood.',
      'A quick-start guide has you playing within ten minutes.',
      'Every game plays differently, so it never gets old.',
    ],
  },
  'building-sets': {
    series: ['City', 'Space', 'Castle', 'Dino', 'Harbour', 'Racing'],
    qualifiers: ['Deluxe', 'Starter', 'Mega', 'Mini', ''],
    nouns: ['Building Set', 'Construction Kit', 'Brick Set', 'Magnetic Tiles Set', 'Marble Run'],
    attributes: {
      pieces: ['50', '120', '250', '500', '1000'],
      ageRange: ['3+', '5+', '7+', '9+', '12+'],
    },
    priceEur: [12, 49],
    priceFactors: {
      pieces: { '50': 0.4, '120': 0.6, '250': 1, '500': 1.6, '1000': 2.4 },
    },
    intros: [
      'With {pieces} pieces, the {name} sparks hours of creative building and imaginative play.',
      'Build it by the instructions, then remix it into something new: this {noun|lower} from {brand} grows with your child.',
      'The {name} develops problem solving and fine motor skills while being great fun.',
    ],
    details: [
      'Compatible with all major brick systems.',
      'Illustrated step-by-step instructions are included, with extra builds online.',
      'Suitable for ages {ageRange}; a storage box keeps everything together.',
    ],
  },
  'plush-toys': {
    series: ['Snuggle', 'Cuddle', 'Fluffy', 'Dreamy', 'Hug', 'Sleepy'],
    qualifiers: ['Organic Cotton', 'Soft', 'Weighted', 'Knitted', ''],
    nouns: ['Teddy Bear', 'Bunny', 'Elephant', 'Unicorn', 'Sloth', 'Penguin', 'Dinosaur', 'Fox'],
    attributes: {
      size: ['15 cm', '25 cm', '35 cm', '50 cm', '80 cm'],
      color: ['Brown', 'Cream', 'Grey', 'Pink', 'Blue', 'Green'],
      ageRange: ['0+', '3+', '6+'],
    },
    priceEur: [12, 35],
    priceFactors: {
      size: { '15 cm': 0.5, '25 cm': 0.8, '35 cm': 1, '50 cm': 1.5, '80 cm': 2.2 },
    },
    intros: [
      'The {name} is irresistibly soft and just the right size for little arms to hug.',
      'A bedtime friend for life, this {color|lower} {noun|lower} from {brand} is made to be loved.',
      'With embroidered eyes and a squishy body, the {name} is safe from birth.',
    ],
    details: [
      'Surface washable and tumble-dry safe on low heat.',
      'Filled with recycled polyester fibre and stitched for extra strength.',
      'Measures {size} and comes with a gift tag.',
    ],
  },
  'remote-control-toys': {
    series: ['Turbo', 'Blaze', 'Storm', 'Rocket', 'Viper', 'Thunder'],
    qualifiers: ['Wireless', 'Off-Road', 'High-Speed', 'Waterproof', 'Stunt'],
    nouns: [
      'RC Car',
      'RC Monster Truck',
      'Camera Drone',
      'RC Boat',
      'RC Helicopter',
      'Robot Kit',
      'RC Excavator',
    ],
    attributes: {
      ageRange: ['6+', '8+', '10+', '14+'],
      color: ['Red', 'Blue', 'Yellow', 'Black', 'Green'],
      runTime: ['10 minutes', '15 minutes', '20 minutes', '30 minutes'],
    },
    priceEur: [19, 199],
    nounPriceEur: {
      'RC Car': [29, 119],
      'RC Monster Truck': [39, 149],
      'Camera Drone': [59, 249],
      'RC Boat': [35, 129],
      'RC Helicopter': [29, 99],
      'Robot Kit': [39, 179],
      'RC Excavator': [39, 119],
    },
    intros: [
      'The {name} zooms, flips and spins with responsive 2.4 GHz controls.',
      'Built tough for driveways, parks and puddles, the {name} means hours of outdoor fun.',
      'Beginner-friendly and fast, the {name} is perfect for young pilots and drivers aged {ageRange}.',
    ],
    details: [
      'A rechargeable battery gives about {runTime} of play per charge.',
      'Shock-absorbing bumpers and spare parts in the box keep it going.',
      'Two speed modes let beginners learn before unlocking full power.',
    ],
  },

  // ── Beauty ─────────────────────────────────────────────────────────────────
  skincare: {
    series: ['Hydra', 'Glow', 'Calm', 'Renew', 'Daily', 'Velvet'],
    qualifiers: ['Organic', 'Vitamin C', 'Hyaluronic', 'Niacinamide', 'Ceramide', ''],
    nouns: [
      'Face Serum',
      'Moisturiser',
      'Cleansing Balm',
      'Night Cream',
      'Eye Cream',
      'Gel Cleanser',
      'SPF 30 Day Cream',
      'Toner',
    ],
    attributes: {
      skinType: ['All', 'Dry', 'Oily', 'Combination', 'Sensitive'],
      volume: ['15 ml', '30 ml', '50 ml', '100 ml', '150 ml'],
      scent: ['Unscented', 'Rose', 'Citrus', 'Green Tea'],
    },
    priceEur: [9, 79],
    intros: [
      'The {name} hydrates, smooths and brightens for visibly healthier skin in four weeks.',
      'Formulated for {skinType|lower} skin, this {noun|lower} from {brand} absorbs quickly and never feels greasy.',
      'A daily ritual worth slowing down for, the {name} leaves skin calm, soft and glowing.',
    ],
    details: [
      'It is free from parabens, silicones and mineral oils.',
      'Supplied in a {volume} glass bottle that can be refilled in store.',
      'Layer it under SPF in the morning and on its own at night.',
    ],
  },
  'hair-care': {
    series: ['Silk', 'Volume', 'Repair', 'Shine', 'Curl', 'Pure'],
    qualifiers: ['Organic Argan', 'Coconut', 'Keratin', 'Sulphate-Free', 'Tea Tree', ''],
    nouns: [
      'Shampoo',
      'Conditioner',
      'Hair Mask',
      'Hair Oil',
      'Leave-In Spray',
      'Styling Cream',
      'Dry Shampoo',
    ],
    attributes: {
      hairType: ['All', 'Dry', 'Curly', 'Fine', 'Coloured', 'Oily'],
      volume: ['100 ml', '200 ml', '250 ml', '400 ml', '500 ml'],
    },
    priceEur: [6, 39],
    intros: [
      'The {name} cleanses and nourishes {hairType|lower} hair without weighing it down.',
      'Salon results at home: this {noun|lower} from {brand} leaves hair soft, shiny and manageable.',
      'Enriched with plant oils, the {name} strengthens lengths and tames frizz.',
    ],
    details: [
      'Colour-safe and free from silicones.',
      'The {volume} bottle is made from 100% recycled plastic.',
      'Suitable for daily use on all hair types, including treated hair.',
    ],
  },
  fragrances: {
    series: ['Noir', 'Bloom', 'Santal', 'Azure', 'Velours', 'Ambre', 'Citrine'],
    qualifiers: ['Intense', 'Rare', 'Private Blend', 'Cotton Musk', ''],
    nouns: ['Eau de Parfum', 'Eau de Toilette', 'Perfume Oil', 'Body Mist', 'Solid Perfume', 'Discovery Set'],
    attributes: {
      volume: ['10 ml', '30 ml', '50 ml', '75 ml', '100 ml'],
      scentFamily: ['Floral', 'Woody', 'Citrus', 'Oriental', 'Fresh', 'Gourmand'],
      gender: ['Women', 'Men', 'Unisex'],
    },
    priceEur: [25, 119],
    nounPriceEur: {
      'Body Mist': [15, 39],
      'Solid Perfume': [19, 45],
    },
    priceFactors: {
      volume: { '10 ml': 0.35, '30 ml': 0.7, '50 ml': 1, '75 ml': 1.3, '100 ml': 1.6 },
    },
    intros: [
      'The {name} opens with bright top notes before settling into a warm, {scentFamily|lower} heart.',
      'Crafted in Grasse, this {scentFamily|lower} fragrance from {brand} lingers beautifully from morning to night.',
      'Sensual yet understated, the {name} is a signature scent for every day.',
    ],
    details: [
      'Presented in a weighted glass bottle in a {volume} size.',
      'Notes of bergamot, cedar and soft musk create a long-lasting trail.',
      'A perfect gift, wrapped in recyclable packaging.',
    ],
  },
  'bath-body': {
    series: ['Spa', 'Calm', 'Zest', 'Meadow', 'Ocean', 'Hammam'],
    qualifiers: ['Organic', 'Shea Butter', 'Oat Milk', 'Nourishing', 'Vegan', ''],
    nouns: ['Body Wash', 'Body Lotion', 'Bath Salts', 'Hand Cream', 'Soap Bar', 'Body Scrub', 'Bath Oil'],
    attributes: {
      scent: ['Lavender', 'Citrus', 'Unscented', 'Rose', 'Sea Salt', 'Sandalwood'],
      size: ['Travel', 'Regular', 'Large', 'Refill'],
    },
    priceEur: [5, 25],
    priceFactors: {
      size: { Travel: 0.5, Regular: 1, Large: 1.6, Refill: 1.3 },
    },
    intros: [
      'Turn an everyday bath or shower into a moment of calm with the {name}.',
      'Rich in plant butters and oils, the {series} range from {brand} leaves skin soft and nourished.',
      'Gentle enough for daily use, every product in the {series} range soothes, softens and nourishes.',
    ],
    details: [
      'Made in small batches with naturally derived ingredients.',
      'Pair it with an organic cotton wash cloth for a spa-like ritual.',
      'The packaging is plastic-free or refillable wherever possible.',
    ],
  },

  // ── Garden ─────────────────────────────────────────────────────────────────
  'garden-tools': {
    series: ['Pro', 'Classic', 'Heritage', 'Easy', 'Ergo', 'Forge'],
    qualifiers: ['Ergonomic', 'Heavy-Duty', 'Lightweight', 'Compact', ''],
    nouns: [
      'Stainless Steel Hand Trowel',
      'Carbon Steel Spade',
      'Cordless Hedge Trimmer',
      'Telescopic Loppers',
      'Bypass Pruning Shears',
      'Ash-Handled Garden Fork',
      'Leaf Rake',
      'Weeding Tool',
      'Waterproof Garden Gloves',
    ],
    attributes: {
      handle: ['Ash Wood', 'Fibreglass', 'Aluminium', 'Rubber Grip'],
      warranty: ['2 years', '5 years', '10 years'],
    },
    priceEur: [9, 149],
    nounPriceEur: {
      'Stainless Steel Hand Trowel': [12, 39],
      'Carbon Steel Spade': [29, 89],
      'Cordless Hedge Trimmer': [79, 249],
      'Telescopic Loppers': [29, 89],
      'Bypass Pruning Shears': [15, 69],
      'Ash-Handled Garden Fork': [29, 89],
      'Leaf Rake': [15, 45],
      'Weeding Tool': [9, 29],
      'Waterproof Garden Gloves': [9, 29],
    },
    intros: [
      'Make light work of digging, pruning and tidying beds and borders with the {name}.',
      '{brand} designs every tool in its {series} range to be balanced, durable and comfortable in the hand.',
      'From first spring sowing to autumn clear-ups, rely on the {name} for years of hard work.',
    ],
    details: [
      'The {handle|lower} handle gives a comfortable, non-slip grip even in wet weather.',
      'Backed by a guarantee of {warranty}.',
      'Rust-resistant finishes and replaceable parts keep it working season after season.',
    ],
  },
  'seeds-bulbs': {
    qualifierFirst: true,
    series: ['Heirloom', 'Sunny', 'Cottage', 'Kitchen Garden', 'Meadow', 'Balcony'],
    qualifiers: ['Organic', 'Heritage', 'Dwarf', 'Giant', ''],
    nouns: [
      'Tomato Seeds',
      'Basil Seeds',
      'Sunflower Seeds',
      'Tulip Bulbs',
      'Wildflower Seeds',
      'Chilli Seeds',
      'Lettuce Seeds',
      'Dahlia Tubers',
    ],
    attributes: {
      sowingSeason: ['Spring', 'Summer', 'Autumn', 'Spring-Summer'],
      position: ['Full Sun', 'Partial Shade', 'Shade'],
      packSize: ['Single pack', 'Twin pack', 'Value pack'],
    },
    priceEur: [2, 7],
    priceFactors: {
      packSize: { 'Single pack': 1, 'Twin pack': 1.8, 'Value pack': 3 },
    },
    intros: [
      'Grow your own with the {name}, selected for reliable germination and generous harvests.',
      'Perfect for beds, pots and window boxes, these {noun|lower} from {brand} thrive in {position|lower}.',
      'The {name} bring colour and flavour to the garden all season long.',
    ],
    details: [
      'Sow in {sowingSeason|lower}; full growing instructions are printed on the pack.',
      'All our seeds are untreated and open-pollinated, so you can save your own.',
      'Great for beginners and children, with quick, rewarding results.',
    ],
  },
  'outdoor-furniture': {
    series: ['Riviera', 'Provence', 'Nordic', 'Havana', 'Capri', 'Oakwood'],
    qualifiers: ['Weatherproof', 'Classic', 'Modern', ''],
    nouns: [
      'Teak Dining Table',
      'Acacia Bistro Set',
      'Rattan-Effect Lounge Chair',
      'Aluminium Sun Lounger',
      'Teak Garden Bench',
      'Rattan-Effect Corner Sofa Set',
      'Cotton Hammock',
      'Tilting Parasol',
      'Folding Deck Chair',
    ],
    attributes: {
      color: ['Natural', 'Graphite', 'White', 'Sand', 'Anthracite'],
      cushions: ['Included', 'Not included', 'Optional extra'],
    },
    priceEur: [39, 899],
    nounPriceEur: {
      'Teak Dining Table': [349, 1299],
      'Acacia Bistro Set': [129, 399],
      'Rattan-Effect Lounge Chair': [99, 349],
      'Aluminium Sun Lounger': [89, 299],
      'Teak Garden Bench': [179, 549],
      'Rattan-Effect Corner Sofa Set': [599, 1899],
      'Cotton Hammock': [39, 129],
      'Tilting Parasol': [49, 249],
      'Folding Deck Chair': [29, 99],
    },
    intros: [
      'The {name} turns your patio or balcony into an outdoor living room.',
      'Made for long summer evenings, this {noun|lower} from {brand} blends comfort with durable, weather-ready materials.',
      'Relax in style with the {name}, designed to look good year after year.',
    ],
    details: [
      'Sustainably sourced materials and stainless fixings resist sun, rain and frost.',
      'Arrives flat-packed with simple assembly instructions; cushions: {cushions|lower}.',
      'A fitted cover is available separately for winter storage.',
    ],
  },
  'watering-irrigation': {
    series: ['Aqua', 'Rain', 'Flow', 'Drip', 'Spring', 'Mist'],
    qualifiers: ['Heavy-Duty', 'Compact', 'Premium', 'Easy-Fit', ''],
    nouns: [
      'Expandable Garden Hose',
      'Galvanised Watering Can',
      'Oscillating Sprinkler',
      'Wall-Mounted Hose Reel',
      'Solar Drip Irrigation Kit',
      'Smart Water Timer',
      'Multi-Pattern Spray Gun',
      '200 L Water Butt',
    ],
    attributes: {
      color: ['Green', 'Grey', 'Black', 'Terracotta', 'Blue'],
      warranty: ['1 year', '2 years', '5 years'],
    },
    priceEur: [7, 129],
    nounPriceEur: {
      'Expandable Garden Hose': [19, 59],
      'Galvanised Watering Can': [19, 59],
      'Oscillating Sprinkler': [15, 49],
      'Wall-Mounted Hose Reel': [39, 129],
      'Solar Drip Irrigation Kit': [49, 149],
      'Smart Water Timer': [39, 119],
      'Multi-Pattern Spray Gun': [9, 29],
      '200 L Water Butt': [49, 119],
    },
    intros: [
      'The {name} makes watering beds, borders and pots quick and effortless.',
      'Save water and time with this {noun|lower} from {brand}, designed for gardens of every size.',
      'Keep plants happy through the driest summers with the {name}.',
    ],
    details: [
      'Universal click-fit connectors work with all standard hoses and taps.',
      'UV-stabilised, frost-resistant materials are backed by a warranty of {warranty}.',
      'Lightweight and easy to store when the season ends.',
    ],
  },

  // ── Office ─────────────────────────────────────────────────────────────────
  'notebooks-journals': {
    series: ['Daily', 'Scholar', 'Atelier', 'Field', 'Muse', 'Classic'],
    qualifiers: ['Leather', 'Linen-Bound', 'Recycled', 'Softcover', 'Hardcover'],
    nouns: ['Notebook', 'Journal', 'Planner', 'Sketchbook', 'Bullet Journal', 'Notepad Set'],
    attributes: {
      size: ['A4', 'A5', 'A6', 'B5', 'Pocket'],
      ruling: ['Lined', 'Dotted', 'Blank', 'Squared'],
      pages: ['96', '128', '192', '240'],
      color: ['Black', 'Navy', 'Sage', 'Terracotta', 'Ochre', 'Burgundy'],
    },
    priceEur: [4, 45],
    intros: [
      'The {name} has {pages} pages of smooth, fountain-pen-friendly paper.',
      'Plan, sketch and make notes in this {color|lower} {noun|lower} from {brand}, with {ruling|lower} pages that lie flat.',
      'A thoughtful companion for ideas big and small, the {name} goes everywhere with you.',
    ],
    details: [
      'Features two ribbon markers, an elastic closure and an expandable back pocket.',
      'The 100 gsm acid-free paper resists bleed-through and ages gracefully.',
      'Made with FSC-certified paper and a thread-sewn binding.',
    ],
  },
  'pens-writing': {
    series: ['Signature', 'Scribe', 'Flow', 'Precision', 'Studio', 'Heritage'],
    qualifiers: ['Fountain', 'Rollerball', 'Gel', 'Brush', 'Ballpoint'],
    nouns: ['Pen', 'Pen Set', 'Pen Gift Box', 'Refill Pack'],
    attributes: {
      inkColor: ['Black', 'Blue', 'Red', 'Green', 'Assorted'],
      tipSize: ['0.3 mm', '0.5 mm', '0.7 mm', '1.0 mm'],
    },
    priceEur: [2, 89],
    nounPriceEur: {
      Pen: [2, 49],
      'Pen Set': [8, 79],
      'Pen Gift Box': [29, 149],
      'Refill Pack': [3, 15],
    },
    intros: [
      'The {name} glides across the page with consistent, skip-free ink flow.',
      'With a {tipSize} tip and quick-drying {inkColor|lower} ink, this {noun|lower} from {brand} is a joy to write with.',
      'Balanced, precise and comfortable to hold, the {name} makes everyday writing feel special.',
    ],
    details: [
      'The barrel is made from recycled aluminium with a soft-touch grip.',
      'Refills are widely available, so it is built to last.',
      'Smudge-resistant ink suits left-handed writers too.',
    ],
  },
  'keyboards-mice': {
    brands: ['Keystone', 'Voltic', 'Ergonomix', 'Helix', 'Deskwise'],
    series: ['Flow', 'Pro', 'Type', 'Compact', 'Ergo', 'Glide'],
    qualifiers: ['Wireless', 'Bluetooth', 'Rechargeable', 'Silent', ''],
    nouns: [
      'Mechanical Keyboard',
      'Low-Profile Keyboard',
      'Ergonomic Mouse',
      'Vertical Mouse',
      'Keyboard and Mouse Set',
      'Trackpad',
      'Numeric Keypad',
    ],
    attributes: {
      layout: ['US QWERTY', 'UK QWERTY', 'German QWERTZ', 'French AZERTY', 'Nordic'],
      color: ['Black', 'White', 'Graphite', 'Pale Grey'],
      os: ['Windows', 'macOS', 'Multi-OS'],
    },
    priceEur: [15, 199],
    nounPriceEur: {
      'Mechanical Keyboard': [69, 229],
      'Low-Profile Keyboard': [49, 149],
      'Ergonomic Mouse': [29, 119],
      'Vertical Mouse': [29, 99],
      'Keyboard and Mouse Set': [49, 179],
      Trackpad: [49, 139],
      'Numeric Keypad': [19, 49],
    },
    intros: [
      'The {name} is designed for long workdays, with a natural, relaxed hand position.',
      'Switch between up to three devices with the {name}, optimised for {os}.',
      'Precise, quiet and comfortable, the {name} makes every click and keystroke count.',
    ],
    details: [
      'A USB-C rechargeable battery lasts for months on a single charge.',
      'The {color|lower} shell is made with 60% recycled plastic.',
      'Customise shortcuts and buttons in the free desktop app.',
    ],
  },
  'office-chairs': {
    series: ['Ergo', 'Executive', 'Task', 'Posture', 'Studio', 'Atlas'],
    qualifiers: ['Mesh', 'Leather', 'Fabric', 'Vegan Leather'],
    nouns: ['Office Chair', 'Desk Chair', 'Gaming Chair', 'Kneeling Chair', 'Drafting Stool', 'Saddle Stool'],
    attributes: {
      color: ['Black', 'Grey', 'Cream', 'Navy', 'Cognac'],
      maxLoad: ['110 kg', '130 kg', '150 kg'],
      armrests: ['None', 'Fixed', '2D adjustable', '4D adjustable'],
    },
    priceEur: [79, 699],
    nounPriceEur: {
      'Office Chair': [149, 799],
      'Desk Chair': [99, 399],
      'Gaming Chair': [149, 449],
      'Kneeling Chair': [89, 249],
      'Drafting Stool': [89, 299],
      'Saddle Stool': [129, 399],
    },
    intros: [
      'The {name} supports healthy posture through long days at the desk.',
      'Adjustable in every direction, this {noun|lower} from {brand} adapts to your body rather than the other way round.',
      'Sit better, work longer and feel fresher with the {name}.',
    ],
    details: [
      'Dynamic lumbar support and a synchro-tilt mechanism follow your movements.',
      'Rated for users up to {maxLoad} and tested to EN 1335.',
      'Tool-free assembly takes about fifteen minutes.',
    ],
  },

  // ── Grocery ────────────────────────────────────────────────────────────────
  coffee: {
    qualifierFirst: true,
    series: ['Morning', 'Sunrise', 'House', 'Espresso', 'Single Origin', 'Mountain'],
    qualifiers: ['Organic', 'Fairtrade', 'Small-Batch', 'Organic Fairtrade', ''],
    nouns: ['Coffee Beans', 'Ground Coffee', 'Coffee Pods', 'Cold Brew Concentrate'],
    attributes: {
      origin: ['Colombia', 'Ethiopia', 'Brazil', 'Guatemala', 'Kenya', 'Sumatra'],
      weight: ['250 g', '500 g', '1 kg'],
      roast: ['Light', 'Medium', 'Medium-Dark', 'Dark'],
    },
    priceEur: [5, 14],
    priceFactors: {
      weight: { '250 g': 1, '500 g': 1.8, '1 kg': 3.3 },
    },
    intros: [
      '{brand} {series} is a {roast|lower} roast with notes of cocoa, red berries and caramel.',
      'Sourced directly from farmers in {origin}, this coffee from {brand} is roasted in small batches every week.',
      'Smooth, balanced and full of character, {brand} {series} makes a great cup however you brew it.',
    ],
    details: [
      'Packed in a {weight} resealable bag with a one-way valve to lock in freshness.',
      'Works beautifully in espresso machines, filter brewers and cafetières.',
      'Every bag supports fair prices and long-term relationships with growers.',
    ],
  },
  tea: {
    qualifierFirst: true,
    series: [
      'Earl Grey',
      'English Breakfast',
      'Jasmine Green',
      'Sencha',
      'Chai',
      'Chamomile',
      'Peppermint',
      'Rooibos',
    ],
    qualifiers: ['Organic', 'Premium', 'Fairtrade', 'Classic', ''],
    nouns: ['Tea Bags', 'Loose Leaf Tea', 'Tea Tin', 'Pyramid Tea Bags'],
    attributes: {
      origin: ['India', 'Sri Lanka', 'China', 'Japan', 'Kenya', 'South Africa'],
      weight: ['50 g', '100 g', '250 g', '500 g'],
    },
    priceEur: [3, 9],
    priceFactors: {
      weight: { '50 g': 0.6, '100 g': 1, '250 g': 2.2, '500 g': 4 },
    },
    intros: [
      'Brew a fragrant, well-rounded cup at any time of day with the {name}.',
      'Blended by hand from leaves grown in {origin}, this {series} from {brand} is a comforting classic.',
      'Our tea tasters’ favourite, the {series} blend from {brand} is bright, aromatic and naturally refreshing.',
    ],
    details: [
      'Steep for three to five minutes and enjoy with or without milk.',
      'Packed in a {weight} pack of plastic-free, compostable materials.',
      'Rainforest Alliance certified and traceable to the estate.',
    ],
  },
  snacks: {
    qualifierFirst: true,
    series: ['Sea Salt', 'Smoky', 'Honey', 'Chilli Lime', 'Dark Chocolate', 'Maple'],
    qualifiers: ['Organic', 'Crunchy', 'Protein', 'Gluten-Free', ''],
    nouns: [
      'Almonds',
      'Crisps',
      'Granola Bars',
      'Popcorn Clusters',
      'Rice Cakes',
      'Cashews',
      'Oat Bites',
      'Pretzels',
    ],
    attributes: {
      weight: ['30 g', '100 g', '150 g', '250 g', '500 g'],
      origin: ['Spain', 'Italy', 'Germany', 'Netherlands', 'Belgium', 'United Kingdom'],
      dietary: ['Vegan', 'Vegetarian', 'High Protein'],
    },
    priceEur: [2, 4],
    priceFactors: {
      weight: { '30 g': 0.4, '100 g': 1, '150 g': 1.3, '250 g': 2, '500 g': 3.5 },
    },
    intros: [
      'The {name} are the perfect crunchy snack for desks, hikes and lunchboxes.',
      'Made in {origin} with simple, natural ingredients, these {noun|lower} from {brand} are seriously moreish.',
      'Big on flavour and free from artificial additives, the {name} hit the spot every time.',
    ],
    details: [
      'Each {weight} pack is resealable to keep them fresh.',
      'No palm oil, no artificial colours and no nonsense.',
      'Suitable for a {dietary|lower} diet.',
    ],
  },
  'pantry-staples': {
    qualifierFirst: true,
    series: ['Tuscan', 'Artisan', 'Classic', 'Estate', 'Family Reserve', 'Mediterranean'],
    qualifiers: ['Organic', 'Premium', 'Everyday', ''],
    nouns: [
      'Extra Virgin Olive Oil',
      'Bronze-Cut Spaghetti',
      'Basmati Rice',
      'Aged Balsamic Vinegar',
      'Chickpeas',
      'Tomato Passata',
      'Rolled Oats',
      'Wildflower Honey',
      'Stone-Ground Flour',
    ],
    attributes: {
      weight: ['250 g', '500 g', '1 kg', '2 kg'],
      origin: ['Italy', 'Spain', 'Greece', 'India', 'France', 'Portugal'],
    },
    priceEur: [2, 6],
    nounPriceEur: {
      'Extra Virgin Olive Oil': [6, 18],
      'Aged Balsamic Vinegar': [5, 24],
      'Wildflower Honey': [5, 14],
    },
    priceFactors: {
      weight: { '250 g': 0.6, '500 g': 1, '1 kg': 1.8, '2 kg': 3.2 },
    },
    intros: [
      'The {name} is a kitchen essential, made the traditional way in {origin}.',
      'Chefs and home cooks love this {noun|lower} from {brand} for its honest flavour and consistent quality.',
      'From quick weeknight dinners to slow Sunday lunches, the {name} is the foundation of good cooking.',
    ],
    details: [
      'Produced by a family business that has worked the same land for generations.',
      'Supplied in a {weight} pack; store in a cool, dark cupboard.',
      'Free from additives and preservatives.',
    ],
  },

  // ── Pets ───────────────────────────────────────────────────────────────────
  'pet-food': {
    qualifierFirst: true,
    series: ['Salmon & Rice', 'Chicken', 'Lamb & Sweet Potato', 'Duck', 'Turkey', 'Ocean Fish'],
    qualifiers: ['Organic', 'Grain-Free', 'Hypoallergenic', 'Natural', ''],
    nouns: [
      'Dry Dog Food',
      'Wet Dog Food',
      'Dry Cat Food',
      'Wet Cat Food',
      'Dog Treats',
      'Cat Treats',
      'Dental Chews',
    ],
    attributes: {
      lifeStage: ['Puppy/Kitten', 'Adult', 'Senior', 'All Life Stages'],
      weight: ['400 g', '1.5 kg', '3 kg', '7 kg', '12 kg'],
    },
    priceEur: [4, 14],
    priceFactors: {
      weight: { '400 g': 0.3, '1.5 kg': 1, '3 kg': 1.8, '7 kg': 3.5, '12 kg': 5.5 },
    },
    intros: [
      '{brand} makes its {series} recipe with real meat as the first ingredient and nothing artificial.',
      'Vet-approved and packed with protein, the {series} recipe supports healthy digestion and a shiny coat.',
      'Even fussy eaters love the {name}, made without artificial colours or flavours.',
    ],
    details: [
      'Suitable for {lifeStage|lower} pets; see the pack for feeding guidelines.',
      'Gently cooked in Europe with responsibly sourced ingredients.',
      'Supplied in a {weight} recyclable pack.',
    ],
  },
  'dog-accessories': {
    series: ['Trail', 'Urban', 'Cosy', 'Explorer', 'Classic', 'Sport'],
    qualifiers: ['Everyday', 'Premium', ''],
    nouns: [
      'Leather Dog Collar',
      'Leather Dog Lead',
      'Padded Dog Harness',
      'Waterproof Dog Coat',
      'Reflective Dog Lead',
      'Stainless Steel Bowl Set',
      'Cotton Rope Toy',
      'Fetch Ball Set',
    ],
    attributes: {
      size: ['XS', 'S', 'M', 'L', 'XL'],
      color: ['Black', 'Tan', 'Red', 'Navy', 'Forest Green', 'Orange'],
    },
    priceEur: [6, 79],
    nounPriceEur: {
      'Leather Dog Collar': [19, 59],
      'Leather Dog Lead': [25, 69],
      'Padded Dog Harness': [25, 69],
      'Waterproof Dog Coat': [29, 89],
      'Reflective Dog Lead': [12, 35],
      'Stainless Steel Bowl Set': [15, 45],
      'Cotton Rope Toy': [6, 19],
      'Fetch Ball Set': [7, 24],
    },
    intros: [
      'The {name} is built for muddy walks, long runs and everything in between.',
      'Durable, comfortable and easy to clean, this {color|lower} {noun|lower} from {brand} is made for active dogs.',
      'Give your dog the good stuff with the {name}, tested by our own pack of four-legged reviewers.',
    ],
    details: [
      'Solid hardware and reinforced stitching stand up to pulling and chewing.',
      'Available in sizes XS to XL ({size} shown); check the size guide before ordering.',
      'A portion of every sale goes to local animal shelters.',
    ],
  },
  'cat-accessories': {
    series: ['Purr', 'Whisker', 'Cosy', 'Playful', 'Nordic', 'Velvet'],
    qualifiers: ['Premium', 'Classic', ''],
    nouns: [
      'Scratching Post',
      'Cat Tree',
      'Cat Tunnel',
      'Feather Wand Toy',
      'Covered Litter Tray',
      'Ceramic Water Fountain',
      'Breakaway Collar',
      'Cat Carrier',
    ],
    attributes: {
      color: ['Grey', 'Beige', 'White', 'Sage', 'Charcoal'],
      suitableFor: ['Kittens', 'Adult Cats', 'All Ages'],
    },
    priceEur: [5, 189],
    nounPriceEur: {
      'Scratching Post': [19, 79],
      'Cat Tree': [59, 249],
      'Cat Tunnel': [12, 39],
      'Feather Wand Toy': [5, 15],
      'Covered Litter Tray': [25, 79],
      'Ceramic Water Fountain': [39, 99],
      'Breakaway Collar': [6, 19],
      'Cat Carrier': [29, 99],
    },
    intros: [
      'The {name} keeps curious cats entertained, active and happy indoors.',
      'Stylish enough for your living room, this {color|lower} {noun|lower} from {brand} is made with cats’ instincts in mind.',
      'Designed with feline behaviourists, the {name} is a purr-fect addition to any home.',
    ],
    details: [
      'Sturdy, non-toxic materials are safe for {suitableFor|lower}.',
      'Easy to clean and quick to assemble.',
      'Replacement parts are available so it lasts for years.',
    ],
  },
  'pet-beds': {
    series: ['Snooze', 'Dreamer', 'Cloud', 'Nest', 'Cosy', 'Lodge'],
    qualifiers: ['Orthopaedic', 'Waterproof', 'Calming', 'Cooling', 'Washable'],
    nouns: ['Dog Bed', 'Cat Bed', 'Pet Cushion', 'Donut Bed', 'Pet Blanket', 'Cat Cave', 'Travel Mat'],
    attributes: {
      size: ['S', 'M', 'L', 'XL'],
      color: ['Grey', 'Beige', 'Navy', 'Brown', 'Dusty Pink'],
      cover: ['Cotton', 'Faux Fur', 'Fleece', 'Canvas'],
    },
    priceEur: [19, 79],
    priceFactors: {
      size: { S: 0.7, M: 1, L: 1.4, XL: 1.8 },
    },
    intros: [
      'The {name} gives your pet a supportive, cosy spot to curl up and recharge.',
      'With raised bolsters and a soft {cover|lower} cover, this {noun|lower} from {brand} is made for deep, restful sleep.',
      'Older joints and playful pups alike will love the {name}.',
    ],
    details: [
      'The removable cover is machine washable at 40 °C.',
      'A non-slip base keeps it in place on wooden and tiled floors.',
      'Filled with recycled fibre that keeps its loft over time.',
    ],
  },

  // ── Baby ───────────────────────────────────────────────────────────────────
  'baby-clothing': {
    series: ['Meadow', 'Starry', 'Cloud', 'Acorn', 'Rainbow', 'Bunny'],
    qualifiers: ['Organic Cotton', 'Cotton', 'Muslin', 'Merino', 'Bamboo'],
    nouns: [
      'Sleepsuit',
      'Bodysuit Set',
      'Romper',
      'Sleep Bag',
      'Cardigan',
      'Pyjama Set',
      'Hat and Mitten Set',
    ],
    attributes: {
      size: ['Newborn', '0-3 months', '3-6 months', '6-12 months', '12-18 months', '18-24 months'],
      color: ['White', 'Oat', 'Sage', 'Dusty Blue', 'Blush', 'Mustard'],
    },
    priceEur: [9, 49],
    intros: [
      'The {name} is gentle on delicate skin and easy to get on and off.',
      'Soft, breathable and made to be washed again and again, this {color|lower} {noun|lower} from {brand} is a nursery staple.',
      'Popper fastenings and fold-over cuffs make the {name} a favourite with parents.',
    ],
    details: [
      'GOTS-certified fabric with no harsh dyes or finishes.',
      'Sized generously to allow for growth; size {size} shown.',
      'Machine washable at 40 °C.',
    ],
  },
  nursery: {
    series: ['Dream', 'Lullaby', 'Cloud', 'Willow', 'Starlight', 'Harbour'],
    qualifiers: ['Classic', 'Modern', 'Compact', ''],
    nouns: [
      'Solid Wood Cot',
      'Convertible Cot Bed',
      'Wireless Video Baby Monitor',
      'Rechargeable Night Light',
      'Organic Cot Mattress',
      'Portable Bassinet',
      'Felt Nursery Mobile',
      'Changing Table',
    ],
    attributes: {
      color: ['White', 'Natural Oak', 'Grey', 'Sage', 'Walnut'],
      ageRange: ['0-6 months', '0-3 years', '0-4 years'],
    },
    priceEur: [19, 499],
    nounPriceEur: {
      'Solid Wood Cot': [199, 549],
      'Convertible Cot Bed': [249, 699],
      'Wireless Video Baby Monitor': [79, 249],
      'Rechargeable Night Light': [19, 49],
      'Organic Cot Mattress': [99, 299],
      'Portable Bassinet': [99, 299],
      'Felt Nursery Mobile': [25, 69],
      'Changing Table': [129, 399],
    },
    intros: [
      'The {name} helps create a calm, safe space for your baby to sleep and play.',
      'Thoughtfully designed by parents, this {noun|lower} from {brand} grows with your family.',
      'Soft shapes and a {color|lower} finish make the {name} a beautiful addition to any nursery.',
    ],
    details: [
      'Non-toxic, water-based finishes and rounded edges throughout.',
      'Suitable for ages {ageRange}.',
      'Tested to EN 716 and other applicable European safety standards.',
    ],
  },
  feeding: {
    series: ['Sprout', 'Tiny Chef', 'Munch', 'Sip', 'Nibble', 'Yum'],
    qualifiers: ['Starter', 'Everyday', ''],
    nouns: [
      'Anti-Colic Baby Bottle',
      'Silicone Sippy Cup',
      'Bamboo Suction Plate',
      'Waterproof Bib Set',
      'Silicone Feeding Spoon Set',
      'Wooden High Chair',
      'Stainless Steel Snack Pot',
      'Glass Baby Bottle',
    ],
    attributes: {
      color: ['Sage', 'Blush', 'Sky Blue', 'Grey', 'Mustard', 'Oat'],
      ageRange: ['0+ months', '4+ months', '6+ months', '12+ months'],
    },
    priceEur: [5, 199],
    nounPriceEur: {
      'Anti-Colic Baby Bottle': [8, 19],
      'Silicone Sippy Cup': [8, 19],
      'Bamboo Suction Plate': [9, 24],
      'Waterproof Bib Set': [9, 25],
      'Silicone Feeding Spoon Set': [6, 15],
      'Wooden High Chair': [99, 299],
      'Stainless Steel Snack Pot': [9, 22],
      'Glass Baby Bottle': [9, 22],
    },
    intros: [
      'The {name} makes mealtimes easier, tidier and more fun.',
      'Designed for little hands (ages {ageRange}), this {noun|lower} from {brand} supports independent eating.',
      'Safe, durable and easy to clean, the {name} is a mealtime essential.',
    ],
    details: [
      'Free from BPA, PVC and phthalates; dishwasher-safe where materials allow.',
      'The {color|lower} colourway matches the rest of the range.',
      'Developed with paediatric feeding specialists.',
    ],
  },
};

/**
 * The seed category tree: top-level departments, each with 2-5 leaf categories.
 * `code` is the uppercase fragment used to build product SKUs (TOP-LEAF-0001).
 */

export interface SeedLeafDefinition {
  readonly slug: string;
  readonly name: string;
  readonly code: string;
  readonly description: string;
}

export interface SeedDepartmentDefinition extends SeedLeafDefinition {
  readonly children: readonly SeedLeafDefinition[];
}

export const CATEGORY_TREE = [
  {
    slug: 'electronics',
    name: 'Electronics',
    code: 'ELEC',
    description: 'Headphones, speakers, wearables, cameras and the accessories that keep them charged.',
    children: [
      {
        slug: 'headphones',
        name: 'Headphones',
        code: 'HEAD',
        description: 'Over-ear, on-ear and in-ear headphones for music, calls and travel.',
      },
      {
        slug: 'speakers',
        name: 'Speakers',
        code: 'SPKR',
        description: 'Portable, smart and outdoor speakers for every room and adventure.',
      },
      {
        slug: 'smartwatches',
        name: 'Smartwatches & Fitness Trackers',
        code: 'WTCH',
        description: 'Wearables that track workouts, sleep and notifications.',
      },
      {
        slug: 'chargers-power',
        name: 'Chargers & Power',
        code: 'CHRG',
        description: 'Wireless chargers, power banks, wall adapters and cables.',
      },
      {
        slug: 'cameras',
        name: 'Cameras',
        code: 'CAMR',
        description: 'Action, mirrorless, instant and security cameras.',
      },
    ],
  },
  {
    slug: 'home-kitchen',
    name: 'Home & Kitchen',
    code: 'HOME',
    description: 'Everything to cook, sleep and live well at home.',
    children: [
      {
        slug: 'cookware',
        name: 'Cookware',
        code: 'COOK',
        description: 'Pans, pots and casseroles for everyday cooking and weekend feasts.',
      },
      {
        slug: 'kitchen-appliances',
        name: 'Kitchen Appliances',
        code: 'APPL',
        description: 'Kettles, toasters, blenders, coffee machines and other countertop helpers.',
      },
      {
        slug: 'bedding',
        name: 'Bedding',
        code: 'BEDD',
        description: 'Duvet covers, sheets and throws in natural fabrics.',
      },
      {
        slug: 'home-decor',
        name: 'Home Decor',
        code: 'DECO',
        description: 'Vases, lamps, candles, mirrors and finishing touches.',
      },
    ],
  },
  {
    slug: 'fashion',
    name: 'Fashion',
    code: 'FASH',
    description: 'Clothing and accessories built to last beyond one season.',
    children: [
      {
        slug: 't-shirts-tops',
        name: 'T-Shirts & Tops',
        code: 'TSHR',
        description: 'Everyday tees, polos and long-sleeve tops.',
      },
      {
        slug: 'jackets-coats',
        name: 'Jackets & Coats',
        code: 'JACK',
        description: 'Parkas, rain jackets, overcoats and lightweight layers.',
      },
      {
        slug: 'bags',
        name: 'Bags',
        code: 'BAGS',
        description: 'Backpacks, totes, crossbody and weekender bags.',
      },
      {
        slug: 'belts-wallets',
        name: 'Belts & Wallets',
        code: 'BELT',
        description: 'Small leather goods: belts, wallets and card holders.',
      },
    ],
  },
  {
    slug: 'shoes',
    name: 'Shoes',
    code: 'SHOE',
    description: 'Footwear for the city, the trail and the office.',
    children: [
      {
        slug: 'sneakers',
        name: 'Sneakers',
        code: 'SNKR',
        description: 'Everyday sneakers, trainers and running shoes.',
      },
      {
        slug: 'boots',
        name: 'Boots',
        code: 'BOOT',
        description: 'Chelsea, hiking, winter and work boots.',
      },
      {
        slug: 'sandals',
        name: 'Sandals',
        code: 'SAND',
        description: 'Sandals, slides and espadrilles for warm days.',
      },
      {
        slug: 'formal-shoes',
        name: 'Formal Shoes',
        code: 'FRML',
        description: 'Oxfords, derbies, brogues and loafers.',
      },
    ],
  },
  {
    slug: 'sports-outdoors',
    name: 'Sports & Outdoors',
    code: 'SPRT',
    description: 'Gear and clothing for training, riding and exploring.',
    children: [
      {
        slug: 'camping-gear',
        name: 'Camping Gear',
        code: 'CAMP',
        description: 'Tents, sleeping bags, stoves and lights for nights outdoors.',
      },
      {
        slug: 'fitness-equipment',
        name: 'Fitness Equipment',
        code: 'FITN',
        description: 'Weights, mats and accessories for training at home.',
      },
      {
        slug: 'cycling',
        name: 'Cycling',
        code: 'CYCL',
        description: 'Helmets, lights, locks and accessories for riders.',
      },
      {
        slug: 'outdoor-clothing',
        name: 'Outdoor Clothing',
        code: 'OCLO',
        description: 'Technical shells, fleeces and base layers for the hills.',
      },
    ],
  },
  {
    slug: 'books',
    name: 'Books',
    code: 'BOOK',
    description: 'Stories, recipes, picture books and travel guides.',
    children: [
      {
        slug: 'fiction',
        name: 'Fiction',
        code: 'FICT',
        description: 'Novels across literary fiction, mystery, romance and more.',
      },
      {
        slug: 'cookbooks',
        name: 'Cookbooks',
        code: 'CKBK',
        description: 'Recipes and kitchen wisdom from home cooks and chefs.',
      },
      {
        slug: 'childrens-books',
        name: "Children's Books",
        code: 'KIDS',
        description: 'Board books, picture books and first chapter books.',
      },
      {
        slug: 'travel-guides',
        name: 'Travel Guides',
        code: 'TRVL',
        description: 'Guidebooks for cities, regions and walking trips.',
      },
    ],
  },
  {
    slug: 'toys-games',
    name: 'Toys & Games',
    code: 'TOYS',
    description: 'Games and toys for every age, from cuddly to competitive.',
    children: [
      {
        slug: 'board-games',
        name: 'Board Games',
        code: 'BORD',
        description: 'Family, strategy, party and card games.',
      },
      {
        slug: 'building-sets',
        name: 'Building Sets',
        code: 'BLDG',
        description: 'Brick sets, construction kits and marble runs.',
      },
      {
        slug: 'plush-toys',
        name: 'Plush Toys',
        code: 'PLSH',
        description: 'Soft toys and cuddly companions.',
      },
      {
        slug: 'remote-control-toys',
        name: 'Remote Control Toys',
        code: 'RCTY',
        description: 'RC cars, drones, boats and robot kits.',
      },
    ],
  },
  {
    slug: 'beauty',
    name: 'Beauty',
    code: 'BEAU',
    description: 'Skincare, hair care, fragrance and bath essentials.',
    children: [
      {
        slug: 'skincare',
        name: 'Skincare',
        code: 'SKIN',
        description: 'Serums, moisturisers and cleansers for every skin type.',
      },
      {
        slug: 'hair-care',
        name: 'Hair Care',
        code: 'HAIR',
        description: 'Shampoos, conditioners, masks and styling products.',
      },
      {
        slug: 'fragrances',
        name: 'Fragrances',
        code: 'FRAG',
        description: 'Eaux de parfum, eaux de toilette and body mists.',
      },
      {
        slug: 'bath-body',
        name: 'Bath & Body',
        code: 'BATH',
        description: 'Body washes, lotions, scrubs and soaps.',
      },
    ],
  },
  {
    slug: 'garden',
    name: 'Garden',
    code: 'GARD',
    description: 'Tools, seeds, furniture and watering for gardens and balconies.',
    children: [
      {
        slug: 'garden-tools',
        name: 'Garden Tools',
        code: 'TOOL',
        description: 'Hand tools, pruners and trimmers.',
      },
      {
        slug: 'seeds-bulbs',
        name: 'Seeds & Bulbs',
        code: 'SEED',
        description: 'Vegetable seeds, herbs, flower seeds and bulbs.',
      },
      {
        slug: 'outdoor-furniture',
        name: 'Outdoor Furniture',
        code: 'FURN',
        description: 'Tables, chairs, loungers and parasols.',
      },
      {
        slug: 'watering-irrigation',
        name: 'Watering & Irrigation',
        code: 'WATR',
        description: 'Hoses, watering cans, sprinklers and drip kits.',
      },
    ],
  },
  {
    slug: 'office',
    name: 'Office',
    code: 'OFFC',
    description: 'Stationery, peripherals and seating for work and study.',
    children: [
      {
        slug: 'notebooks-journals',
        name: 'Notebooks & Journals',
        code: 'NOTE',
        description: 'Notebooks, planners and sketchbooks.',
      },
      {
        slug: 'pens-writing',
        name: 'Pens & Writing',
        code: 'PENS',
        description: 'Fountain pens, rollerballs, gel pens and refills.',
      },
      {
        slug: 'keyboards-mice',
        name: 'Keyboards & Mice',
        code: 'KEYB',
        description: 'Keyboards, mice and trackpads for comfortable work.',
      },
      {
        slug: 'office-chairs',
        name: 'Office Chairs',
        code: 'CHAI',
        description: 'Ergonomic desk chairs and stools.',
      },
    ],
  },
  {
    slug: 'grocery',
    name: 'Grocery',
    code: 'GROC',
    description: 'Coffee, tea, snacks and pantry staples.',
    children: [
      {
        slug: 'coffee',
        name: 'Coffee',
        code: 'COFF',
        description: 'Whole beans, ground coffee and pods.',
      },
      {
        slug: 'tea',
        name: 'Tea',
        code: 'TEAS',
        description: 'Black, green and herbal teas.',
      },
      {
        slug: 'snacks',
        name: 'Snacks',
        code: 'SNAK',
        description: 'Nuts, crisps, bars and other nibbles.',
      },
      {
        slug: 'pantry-staples',
        name: 'Pantry Staples',
        code: 'PANT',
        description: 'Oils, pasta, rice, grains and preserves.',
      },
    ],
  },
  {
    slug: 'pets',
    name: 'Pets',
    code: 'PETS',
    description: 'Food, beds and accessories for dogs and cats.',
    children: [
      {
        slug: 'pet-food',
        name: 'Pet Food',
        code: 'PFOD',
        description: 'Dry food, wet food and treats for dogs and cats.',
      },
      {
        slug: 'dog-accessories',
        name: 'Dog Accessories',
        code: 'DOGA',
        description: 'Collars, leads, harnesses, coats and toys.',
      },
      {
        slug: 'cat-accessories',
        name: 'Cat Accessories',
        code: 'CATA',
        description: 'Scratching posts, cat trees, toys and carriers.',
      },
      {
        slug: 'pet-beds',
        name: 'Pet Beds',
        code: 'PBED',
        description: 'Beds, cushions and blankets for dogs and cats.',
      },
    ],
  },
  {
    slug: 'baby',
    name: 'Baby',
    code: 'BABY',
    description: 'Clothing, nursery furniture and feeding essentials.',
    children: [
      {
        slug: 'baby-clothing',
        name: 'Baby Clothing',
        code: 'BCLO',
        description: 'Sleepsuits, bodysuits and knitwear for little ones.',
      },
      {
        slug: 'nursery',
        name: 'Nursery',
        code: 'NURS',
        description: 'Cots, mattresses, monitors and nursery decor.',
      },
      {
        slug: 'feeding',
        name: 'Feeding',
        code: 'FEED',
        description: 'Bottles, cups, plates and high chairs.',
      },
    ],
  },
] as const satisfies readonly SeedDepartmentDefinition[];

export type DepartmentSlug = (typeof CATEGORY_TREE)[number]['slug'];
export type LeafSlug = (typeof CATEGORY_TREE)[number]['children'][number]['slug'];

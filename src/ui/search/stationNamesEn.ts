/**
 * The English names Shanghai Metro signs at stations whose English name is not their pinyin (most
 * are: 徐家汇 is "Xujiahui"; the shipped station file's `name_latin` gives those). Hand-entered from
 * the stations' official English names (Shanghai Metro's network map and signage); each key must be
 * a `name_zh` of public/data/metro-stations.geojson (a test holds it). See geodata/README.md.
 */
export const STATION_NAMES_EN: Readonly<Record<string, string>> = {
  人民广场: "People's Square",
  上海火车站: 'Shanghai Railway Station',
  上海南站: 'Shanghai South Railway Station',
  上海西站: 'Shanghai West Railway Station',
  虹桥火车站: 'Hongqiao Railway Station',
  虹桥1号航站楼: 'Hongqiao Airport Terminal 1',
  虹桥2号航站楼: 'Hongqiao Airport Terminal 2',
  浦东1号2号航站楼: 'Pudong Airport Terminal 1 & 2',
  上海体育馆: 'Shanghai Indoor Stadium',
  上海体育场: 'Shanghai Stadium',
  东方体育中心: 'Oriental Sports Center',
  上海科技馆: 'Shanghai Science & Technology Museum',
  世纪大道: 'Century Avenue',
  世纪公园: 'Century Park',
  迪士尼: 'Disney Resort',
  国家会展中心: 'National Exhibition and Convention Center',
  中华艺术宫: 'China Art Museum',
  复旦大学: 'Fudan University',
  同济大学: 'Tongji University',
  上海大学: 'Shanghai University',
  交通大学: 'Jiaotong University',
  自然博物馆: 'Natural History Museum',
  上海图书馆: 'Shanghai Library',
  上海马戏城: 'Shanghai Circus World',
  上海游泳馆: 'Shanghai Swimming Center',
  上海动物园: 'Shanghai Zoo',
  野生动物园: 'Shanghai Wild Animal Park',
  中山公园: 'Zhongshan Park',
  静安寺: "Jing'an Temple",
  豫园: 'Yuyuan Garden',
  上海儿童医学中心: "Shanghai Children's Medical Center",
  外高桥保税区北: 'Waigaoqiao Free Trade Zone North',
  松江大学城: 'Songjiang University Town',
  南京东路: 'East Nanjing Road',
  南京西路: 'West Nanjing Road',
  淮海中路: 'Middle Huaihai Road',
};

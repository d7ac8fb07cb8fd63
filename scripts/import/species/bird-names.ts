import { speciesKey } from './species-key';

/**
 * The last words of North American bird names ("Warbler", "Hawk", "Yellowthroat"): a name
 * that is not in any list yet still ends with one of these is taken for a species, while
 * "Sunset" or "Magee Marsh" is not.
 */
const GROUP_WORDS = `
albatross anhinga ani auklet avocet bittern blackbird bluebird bobolink bobwhite booby brant
bufflehead bunting bushtit canvasback caracara cardinal catbird chachalaca chat chickadee chuck-will's-widow
chukar condor coot cormorant cowbird crane creeper crossbill crow cuckoo curlew dickcissel dipper
dove dovekie dowitcher duck dunlin eagle egret eider falcon finch flamingo flicker flycatcher
frigatebird fulmar gadwall gallinule gannet gnatcatcher godwit goldeneye goldfinch goose goshawk grackle
grebe grosbeak grouse guillemot gull gyrfalcon harrier hawk heron hummingbird ibis jaeger jay junco
kestrel killdeer kingbird kingfisher kinglet kite kittiwake knot lark limpkin longspur loon magpie
mallard martin meadowlark merganser merlin mockingbird murre murrelet nighthawk nuthatch oriole osprey
ovenbird owl oystercatcher parakeet parula partridge pelican petrel phalarope pheasant phoebe pigeon
pintail pipit plover prairie-chicken ptarmigan puffin pyrrhuloxia quail rail raven razorbill redhead
redpoll redstart roadrunner robin ruff sanderling sandpiper sapsucker scaup scoter screech-owl shearwater
shoveler shrike siskin skimmer skua snipe solitaire sora sparrow spoonbill starling stilt stork
storm-petrel surfbird swallow swan swift tanager teal tern thrasher thrush titmouse towhee
turkey turnstone veery verdin vireo vulture warbler waterthrush waxwing whimbrel whip-poor-will
wigeon willet woodcock woodpecker wood-pewee wren wrentit yellowlegs yellowthroat
`
  .split(/\s+/)
  .filter(Boolean);

const GROUP_KEYS = new Set(GROUP_WORDS.map(speciesKey));

/**
 * True when a name reads like a bird's common name: one to six words of letters (hyphens and
 * apostrophes allowed), no digits, ending with a bird word, singular or plural.
 *
 * @example
 * looksLikeBirdName('Yellow-breasted Chat') // true
 * looksLikeBirdName('Magee Marsh') // false
 */
export function looksLikeBirdName(name: string): boolean {
  const words = name.trim().split(/\s+/);
  if (words.length === 0 || words.length > 6) return false;
  if (!words.every((word) => /^[\p{L}][\p{L}'’.-]*$/u.test(word))) return false;
  const last = words[words.length - 1]!;
  const candidates = [last, ...last.split('-').slice(-1)];
  return candidates.some((word) => {
    const key = speciesKey(word);
    return GROUP_KEYS.has(key) || GROUP_KEYS.has(key.replace(/e?s$/, '')) || GROUP_KEYS.has(key.replace(/ies$/, 'y'));
  });
}

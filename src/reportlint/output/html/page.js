(function(){
'use strict';
// The report list, drawn from the rows' data (#report-rows): sorted, filtered, grouped
// by parent, one page of rows at a time; a report's findings (its #d-rN block) are
// drawn when its row is opened. Report text only ever goes in as textContent, or as the
// markup the writer escaped (the sections).
var root=document.documentElement;
var table=document.getElementById('report-list'),source=document.getElementById('report-rows');
if(!table||!source){root.setAttribute('data-ready','1');return;}
var D=JSON.parse(source.textContent),L=D.labels,rows=D.rows,trends=D.trends||{};
var PAGE=D.page_size||100,SVG='http://www.w3.org/2000/svg';
var coll=new Intl.Collator('zh-Hans-CN',{numeric:true});
var body=table.tBodies[0],heads=table.tHead.rows[0].cells,cols=[];
for(var c=0;c<heads.length;c++){cols.push(heads[c].getAttribute('data-col'));}
var input=document.getElementById('report-filter'),group=document.getElementById('group-parent');
var selects=Array.prototype.slice.call(document.querySelectorAll('#report-tools select[data-field]'));
var shown=document.getElementById('report-shown'),tpl=shown?shown.getAttribute('data-template'):'';
var info=document.getElementById('page-info'),prev=document.getElementById('page-prev'),next=document.getElementById('page-next');
// sorted: every row in the current order, kept until the order changes (a filter only reads it)
var view=[],sorted=null,page=0,sortCol=null,sortDir=0,printing=false,opened={};
rows.forEach(function(r,i){r.i=i;r.hay=(r.path+'\n'+(r.agency||'')+'\n'+(r.roster||'')).toLowerCase();});
function fmt(t,o){return String(t).replace(/\{(\w+)\}/g,function(m,k){return Object.prototype.hasOwnProperty.call(o,k)?o[k]:m;});}
function empty(v){return v===null||v===undefined||v==='';}
// Reports that could not be read first, then by path in natural order (file2 before file10).
function byDefault(a,b){return ((a.status==='failed'?0:1)-(b.status==='failed'?0:1))||coll.compare(a.path,b.path)||(a.i-b.i);}
function value(r,col){
switch(col){case 'report':return r.path;case 'agency':return r.agency;case 'kind':return r.kind?L.kinds[r.kind]:'';
case 'year':return r.year;case 'published':return r.pub;case 'score':return r.score;case 'status':return r.rank;
case 'errors':return r.e;case 'warnings':return r.w;case 'infos':return r.n;case 'total':return r.e+r.w+r.n;}
return null;}
function compare(a,b){var r=0;
if(group&&group.checked){r=((a.parent?0:1)-(b.parent?0:1))||coll.compare(a.parent||'',b.parent||'');}
if(!r&&sortCol){var x=value(a,sortCol),y=value(b,sortCol);
if(empty(x)||empty(y)){r=(empty(x)?1:0)-(empty(y)?1:0);}  // blanks last either way
else{r=(typeof x==='number'?x-y:coll.compare(x,y))*sortDir;}}
return r||byDefault(a,b);}
function matches(r,q,chosen){
if(q&&r.hay.indexOf(q)<0){return false;}
for(var k=0;k<chosen.length;k++){var f=chosen[k][0],v=chosen[k][1];
if(f==='rule'){if(r.rules.indexOf(v)<0){return false;}}
else if(f==='category'){if(r.cats.indexOf(v)<0){return false;}}
else if(String(r[f]===undefined?'':r[f])!==v){return false;}}
return true;}
function apply(){
var q=input?(input.value||'').trim().toLowerCase():'',chosen=[];
selects.forEach(function(s){if(s.value){chosen.push([s.getAttribute('data-field'),s.value]);}});
if(!sorted){sorted=rows.slice().sort(compare);}view=[];
for(var i=0;i<sorted.length;i++){if(matches(sorted[i],q,chosen)){view.push(sorted[i]);}}
draw();}
function el(tag,cls,txt){var e=document.createElement(tag);if(cls){e.className=cls;}if(!empty(txt)){e.textContent=txt;}return e;}
function spark(r){
var t=trends[r.trend];if(!t||t.length<2){return null;}
var w=64,hgt=18,lo=Infinity,hi=-Infinity,pts=[],k;
for(k=0;k<t.length;k++){lo=Math.min(lo,t[k][1]);hi=Math.max(hi,t[k][1]);}
var svg=document.createElementNS(SVG,'svg');svg.setAttribute('class','spark');svg.setAttribute('width',w);
svg.setAttribute('height',hgt);svg.setAttribute('viewBox','0 0 '+w+' '+hgt);
var title=document.createElementNS(SVG,'title');
title.textContent=L.trend+': '+t.map(function(p){return p[0]+' '+p[1];}).join(' · ');svg.appendChild(title);
var dot=null;
for(k=0;k<t.length;k++){var x=2+(w-4)*k/(t.length-1),y=hgt-2-(hi===lo?(hgt-4)/2:(hgt-4)*(t[k][1]-lo)/(hi-lo));
pts.push(x.toFixed(1)+','+y.toFixed(1));if(t[k][0]===r.year){dot=[x,y];}}
var line=document.createElementNS(SVG,'polyline');line.setAttribute('points',pts.join(' '));svg.appendChild(line);
if(dot){var cir=document.createElementNS(SVG,'circle');cir.setAttribute('cx',dot[0].toFixed(1));
cir.setAttribute('cy',dot[1].toFixed(1));cir.setAttribute('r','2.5');svg.appendChild(cir);}
return svg;}
function cell(r,col){var td,v;
switch(col){
case 'report':td=el('td','path');var a=el('a','',r.path);a.href='#'+r.a;a.title=L.open;
a.setAttribute('aria-expanded',opened[r.a]?'true':'false');
a.addEventListener('click',function(ev){ev.preventDefault();toggle(r);});td.appendChild(a);return td;
case 'agency':return el('td','',r.agency);
case 'kind':return el('td','',r.kind?L.kinds[r.kind]:'');
case 'year':return el('td','n',r.year);
case 'published':td=el('td','',r.pub);var tip=[];
if(r.late&&r.due){td.appendChild(el('br'));td.appendChild(el('span','pill warning',fmt(L.late,{n:r.late,due:r.due})));}
else if(r.due){tip.push(fmt(L.due,{due:r.due}));}
if(r.pub&&r.psrc==='page'){tip.unshift(L.date_page);}
if(tip.length){td.title=tip.join('; ');}return td;
case 'score':td=el('td','n',empty(r.score)?'':(r.score+(empty(r.max)?'':' / '+r.max)));if(r.ded){td.title=r.ded;}return td;
case 'trend':td=el('td','trend');v=spark(r);if(v){td.appendChild(v);}return td;
case 'status':td=el('td');v=el('span','pill '+L.classes[r.status],L.statuses[r.status]);
if(r.reason){v.title=r.reason;}td.appendChild(v);return td;
case 'errors':v=r.e;break;case 'warnings':v=r.w;break;case 'infos':v=r.n;break;case 'total':v=r.e+r.w+r.n;break;
default:return el('td');}
return el('td',v?'n':'n z',String(v));}
function rowEl(r){var tr=el('tr','s-'+L.classes[r.status]);tr.setAttribute('data-a',r.a);
for(var k=0;k<cols.length;k++){tr.appendChild(cell(r,cols[k]));}return tr;}
// A report's section is stored gzipped (base64) in its block: inflated when opened.
function inflate(b64){var bin=atob(b64),bytes=new Uint8Array(bin.length);
for(var k=0;k<bin.length;k++){bytes[k]=bin.charCodeAt(k);}
return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();}
function details(r){
var tr=el('tr','detail'),td=el('td','',L.loading);td.colSpan=cols.length;tr.appendChild(td);
tr.setAttribute('data-state','loading');
var block=document.getElementById('d-'+r.a);
function done(state,html){td.textContent='';
if(html){var t=document.createElement('template');t.innerHTML=html;td.appendChild(t.content);}
else{td.textContent=L.unavailable;}tr.setAttribute('data-state',state);}
if(!block||typeof DecompressionStream==='undefined'){done('failed');return tr;}
inflate(JSON.parse(block.textContent).gzip).then(function(html){done('ready',html);},function(){done('failed');});
return tr;}
function toggle(r){if(opened[r.a]){delete opened[r.a];}else{opened[r.a]=details(r);}draw();}
function draw(){
var pages=Math.max(1,Math.ceil(view.length/PAGE));if(page>=pages){page=pages-1;}
var start=printing?0:page*PAGE,end=printing?view.length:Math.min(view.length,start+PAGE);
var frag=document.createDocumentFragment(),grouped=group&&group.checked,last;
for(var i=start;i<end;i++){var r=view[i];
if(grouped&&(i===start||(r.parent||'')!==last)){last=r.parent||'';
var g=el('tr','group'),gt=el('td','',last?fmt(L.parent,{p:last}):L.no_parent);gt.colSpan=cols.length;g.appendChild(gt);frag.appendChild(g);}
frag.appendChild(rowEl(r));if(opened[r.a]){frag.appendChild(opened[r.a]);}}
if(!view.length){var e=el('tr','none'),et=el('td','',L.no_rows);et.colSpan=cols.length;e.appendChild(et);frag.appendChild(e);}
body.textContent='';body.appendChild(frag);
if(shown){shown.textContent=fmt(tpl,{n:view.length});}
if(info){info.textContent=fmt(L.page,{p:page+1,q:pages});}
if(prev){prev.disabled=page<=0;}if(next){next.disabled=page>=pages-1;}}
Array.prototype.forEach.call(heads,function(th){var b=th.querySelector('button');if(!b){return;}
b.addEventListener('click',function(){var cur=th.getAttribute('aria-sort');
sortDir=cur==='descending'?1:cur==='ascending'?-1:(th.getAttribute('data-type')==='num'?-1:1);
sortCol=th.getAttribute('data-col');
Array.prototype.forEach.call(heads,function(o){if(o.hasAttribute('data-type')){
o.setAttribute('aria-sort',o===th?(sortDir>0?'ascending':'descending'):'none');}});sorted=null;apply();});});
function refilter(){page=0;apply();}
if(input){input.addEventListener('input',refilter);}
selects.forEach(function(s){s.addEventListener('change',refilter);});
if(group){group.addEventListener('change',function(){sorted=null;refilter();});}
if(prev){prev.addEventListener('click',function(){page--;draw();});}
if(next){next.addEventListener('click',function(){page++;draw();});}
// Printing shows every row the filters keep, not only the current page.
window.addEventListener('beforeprint',function(){printing=true;draw();});
window.addEventListener('afterprint',function(){printing=false;draw();});
apply();
// A link to a report (#r12) opens it on its page; the reports' data follows this
// script, so on load that waits for the whole document.
function openLinked(){var hash=location.hash.slice(1);if(!hash){return;}
for(var i=0;i<view.length;i++){if(view[i].a===hash){page=Math.floor(i/PAGE);
if(!opened[hash]){opened[hash]=details(view[i]);}draw();
var tr=body.querySelector('tr[data-a="'+hash+'"]');if(tr){tr.scrollIntoView();}return;}}}
window.addEventListener('hashchange',openLinked);
if(location.hash){if(document.readyState==='loading'){document.addEventListener('DOMContentLoaded',openLinked);}else{openLinked();}}
if(window.performance&&performance.mark){performance.mark('reportlint-list-drawn');}
root.setAttribute('data-ready','1');
})();

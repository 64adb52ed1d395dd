(function(){
'use strict';
var table=document.getElementById('report-list');
if(!table){return;}
var body=table.tBodies[0],heads=table.tHead.rows[0].cells,input=document.getElementById('report-filter');
var shown=document.getElementById('report-shown'),tpl=shown?shown.getAttribute('data-template'):'';
function key(row,i,num){var c=row.cells[i],v=c.getAttribute('data-v');if(v===null){v=c.textContent;}
return num?(parseFloat(v)||0):v;}
function sortBy(i,dir){var num=heads[i].getAttribute('data-type')==='num';
var rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=key(a,i,num),y=key(b,i,num);
var r=num?x-y:x.localeCompare(y,'zh-Hans-CN');r*=dir;
if(r===0){r=(+a.getAttribute('data-i'))-(+b.getAttribute('data-i'));}return r;});
var frag=document.createDocumentFragment();rows.forEach(function(r){frag.appendChild(r);});body.appendChild(frag);
for(var j=0;j<heads.length;j++){if(heads[j].hasAttribute('data-type')){
heads[j].setAttribute('aria-sort',j===i?(dir>0?'ascending':'descending'):'none');}}}
Array.prototype.forEach.call(heads,function(th,i){var b=th.querySelector('button');if(!b){return;}
b.addEventListener('click',function(){var cur=th.getAttribute('aria-sort');
var dir=cur==='descending'?1:cur==='ascending'?-1:(th.getAttribute('data-type')==='num'?-1:1);sortBy(i,dir);});});
function filter(){var q=(input.value||'').trim().toLowerCase(),n=0;
Array.prototype.forEach.call(body.rows,function(r){var hit=!q||r.textContent.toLowerCase().indexOf(q)>=0;
r.hidden=!hit;if(hit){n++;}});
if(shown){shown.textContent=tpl.replace('{n}',n);}}
if(input){input.addEventListener('input',filter);}
document.documentElement.setAttribute('data-ready','1');
})();
